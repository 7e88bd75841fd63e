using TeleSurv.Portal.Web.Components;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Components;

public sealed class PrerenderHandoverTests
{
    private static readonly Guid Nurse = Guid.CreateVersion7();
    private static readonly Guid Colleague = Guid.CreateVersion7();

    private readonly SettableClock _clock = new();
    private readonly PrerenderHandover _handover;

    public PrerenderHandoverTests() => _handover = new PrerenderHandover(_clock);

    private static Dictionary<string, object?> Reads(string value) => new(StringComparer.Ordinal) { ["query"] = value };

    [Fact]
    public void The_live_page_of_the_same_user_takes_the_reads_once()
    {
        var token = _handover.Keep(Nurse, Reads("chart"));

        Assert.NotNull(token);
        Assert.Equal("chart", _handover.Take(token, Nurse)?["query"]);
        Assert.Null(_handover.Take(token, Nurse));
        Assert.Equal(0, _handover.Count);
    }

    [Fact]
    public void Another_user_with_the_token_gets_nothing_and_the_reads_are_gone()
    {
        var token = _handover.Keep(Nurse, Reads("chart"))!;

        Assert.Null(_handover.Take(token, Colleague));
        Assert.Null(_handover.Take(token, Nurse));
    }

    [Fact]
    public void Reads_expire_and_an_unknown_token_gets_nothing()
    {
        var token = _handover.Keep(Nurse, Reads("chart"))!;
        _clock.Advance(PrerenderHandover.Lifetime);

        Assert.Null(_handover.Take(token, Nurse));
        Assert.Null(_handover.Take("00112233445566778899AABBCCDDEEFF", Nurse));
    }

    [Fact]
    public void Tokens_are_random_and_distinct()
    {
        var tokens = Enumerable.Range(0, PrerenderHandover.MaxPagesPerUser).Select(_ => _handover.Keep(Nurse, Reads("queue"))!).ToList();

        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, token => Assert.Equal(32, token.Length));
    }

    [Fact]
    public void A_user_keeps_a_bounded_number_of_pages_others_are_not_held_up_and_expired_pages_make_room()
    {
        for (var i = 0; i < PrerenderHandover.MaxPagesPerUser; i++)
        {
            Assert.NotNull(_handover.Keep(Nurse, Reads($"page {i}")));
        }

        Assert.Null(_handover.Keep(Nurse, Reads("one page too many")));
        Assert.NotNull(_handover.Keep(Colleague, Reads("queue")));

        // A page its live page took makes room for one more.
        var taken = _handover.Keep(Colleague, Reads("chart"))!;
        Assert.NotNull(_handover.Take(taken, Colleague));
        for (var i = 0; i < PrerenderHandover.MaxPagesPerUser - 1; i++)
        {
            Assert.NotNull(_handover.Keep(Colleague, Reads($"page {i}")));
        }

        Assert.Null(_handover.Keep(Colleague, Reads("one page too many")));

        _clock.Advance(PrerenderHandover.Lifetime + TimeSpan.FromSeconds(5));
        Assert.NotNull(_handover.Keep(Nurse, Reads("after the expiry")));
        Assert.NotNull(_handover.Keep(Colleague, Reads("after the expiry")));
        Assert.Equal(2, _handover.Count);
    }

    [Fact]
    public void The_server_keeps_a_bounded_number_of_pages()
    {
        for (var i = 0; i < PrerenderHandover.MaxPages; i++)
        {
            Assert.NotNull(_handover.Keep(Guid.CreateVersion7(), Reads("queue")));
        }

        Assert.Null(_handover.Keep(Nurse, Reads("queue")));
        Assert.Equal(PrerenderHandover.MaxPages, _handover.Count);
    }
}
