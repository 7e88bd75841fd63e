namespace TeleSurv.Portal.Application.Common;

/// <summary>One page of a list, with the total count of the whole filtered list.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize)
{
    public int PageCount => TotalCount == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;

    /// <summary>
    /// The list was counted only up to <see cref="TotalCount"/>: it holds at least that many rows, perhaps more.
    /// Long histories are counted that way, a few pages beyond the one asked for, so that reading a page does not
    /// mean counting years of rows.
    /// </summary>
    public bool TotalIsLowerBound { get; init; }
}

public static class Paging
{
    public const int DefaultPageSize = 50;

    /// <summary>No list request may ask for more rows than this in one page.</summary>
    public const int MaxPageSize = 200;

    internal static int Skip(int page, int pageSize) => (page - 1) * pageSize;
}
