using TeleSurv.Portal.Web.Components.Shared;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Components;

public sealed class PagerTests
{
    private static Task<string> RenderAsync(ComponentTestContext context, int page, int pageCount, bool lowerBound = false) =>
        context.RenderReadableAsync<Pager>(new Dictionary<string, object?>
        {
            [nameof(Pager.Page)] = page,
            [nameof(Pager.PageCount)] = pageCount,
            [nameof(Pager.PageCountIsLowerBound)] = lowerBound,
        });

    [Fact]
    public async Task Shows_the_page_and_the_page_count()
    {
        await using var context = new ComponentTestContext();

        var html = await RenderAsync(context, 2, 5);

        Assert.Contains("Page 2 sur 5</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Says_there_may_be_more_pages_when_the_list_was_counted_only_that_far()
    {
        await using var french = new ComponentTestContext();
        await using var english = new ComponentTestContext(culture: "en-GB");

        var html = await RenderAsync(french, 50, 61, lowerBound: true);

        Assert.Contains("Page 50 sur 61 et plus</span>", html, StringComparison.Ordinal);
        Assert.Contains("Page 50 of 61 or more</span>", await RenderAsync(english, 50, 61, lowerBound: true), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shows_nothing_for_a_single_page()
    {
        await using var context = new ComponentTestContext();

        var html = await RenderAsync(context, 1, 1);

        Assert.DoesNotContain("pagination", html, StringComparison.Ordinal);
    }
}
