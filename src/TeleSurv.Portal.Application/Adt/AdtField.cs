namespace TeleSurv.Portal.Application.Adt;

/// <summary>The three states of a received HL7 v2 value.</summary>
public enum AdtFieldState
{
    /// <summary>Not sent (<c>||</c>): the stored value stays as it is.</summary>
    Absent = 0,

    /// <summary>Sent as <c>""</c>: the stored value is deleted.</summary>
    Delete = 1,

    Valued = 2,
}

/// <summary>A value of an ADT event with HL7's three states: absent (keep), <c>""</c> (delete), or a value.</summary>
public readonly record struct AdtField<T>
{
    internal AdtField(AdtFieldState state, T? value)
    {
        State = state;
        Value = value;
    }

    public AdtFieldState State { get; }

    /// <summary>The value when <see cref="State"/> is <see cref="AdtFieldState.Valued"/>.</summary>
    public T? Value { get; }

    public bool IsValued => State == AdtFieldState.Valued;

    public bool IsDelete => State == AdtFieldState.Delete;

    public override string ToString() => State switch
    {
        AdtFieldState.Valued => $"{Value}",
        AdtFieldState.Delete => "\"\"",
        _ => string.Empty,
    };
}

/// <summary>Makes <see cref="AdtField{T}"/> values; <c>default</c> is the absent one.</summary>
public static class AdtField
{
    public static AdtField<T> Of<T>(T value) => new(AdtFieldState.Valued, value);

    public static AdtField<T> Delete<T>() => new(AdtFieldState.Delete, default);
}
