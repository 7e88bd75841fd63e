using System.Linq.Expressions;
using System.Reflection;

namespace TeleSurv.Portal.Application.Common;

/// <summary>
/// Case-insensitive text predicates that EF Core translates alike on SQLite and PostgreSQL: upper(column)
/// compared with an upper-cased value (LIKE itself is case-insensitive on SQLite but not on PostgreSQL).
/// </summary>
/// <remarks>
/// EF translates <see cref="string.ToUpper()"/> and not its culture-explicit overloads, so the predicate is built
/// as an expression tree: it runs as SQL <c>upper()</c>, never as .NET code under the current culture.
/// </remarks>
internal static class TextSearch
{
    private static readonly MethodInfo ToUpper = typeof(string).GetMethod(nameof(string.ToUpper), Type.EmptyTypes)!;
    private static readonly MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly MethodInfo Contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

    /// <summary>The column, upper-cased, starts with <paramref name="upperValue"/> (already upper-cased).</summary>
    public static Expression<Func<T, bool>> UpperStartsWith<T>(Expression<Func<T, string?>> column, string upperValue) =>
        Compare(column, StartsWith, upperValue);

    /// <summary>The column, upper-cased, contains <paramref name="upperValue"/> (already upper-cased).</summary>
    public static Expression<Func<T, bool>> UpperContains<T>(Expression<Func<T, string?>> column, string upperValue) =>
        Compare(column, Contains, upperValue);

    /// <summary>True when any of the predicates is.</summary>
    public static Expression<Func<T, bool>> Any<T>(params Expression<Func<T, bool>>[] predicates)
    {
        ArgumentOutOfRangeException.ThrowIfZero(predicates.Length);
        var parameter = Expression.Parameter(typeof(T), "x");
        var body = predicates
            .Select(p => new ParameterReplacer(p.Parameters[0], parameter).Visit(p.Body))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }

    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, string?>> column, MethodInfo method, string upperValue)
    {
        // Read from a closure, as a lambda's captured variable is, so that EF sends it as a query parameter.
        var value = Expression.Property(Expression.Constant(new Captured(upperValue)), nameof(Captured.Value));
        var test = Expression.AndAlso(
            Expression.NotEqual(column.Body, Expression.Constant(null, typeof(string))),
            Expression.Call(Expression.Call(column.Body, ToUpper), method, value));
        return Expression.Lambda<Func<T, bool>>(test, column.Parameters);
    }

    private sealed record Captured(string Value);

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
