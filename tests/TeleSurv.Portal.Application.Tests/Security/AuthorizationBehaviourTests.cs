using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Tests.Security;

public sealed class AuthorizationBehaviourTests : IDisposable
{
    private static readonly Guid Mine = Guid.CreateVersion7();
    private static readonly Guid Elsewhere = Guid.CreateVersion7();

    private readonly PipelineHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_request_without_an_access_rule_is_refused_before_its_handler()
    {
        _host.User.ActAs(TestCurrentUser.Staff(StaffRole.Admin, Mine));

        var error = await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(new RuleLessEcho("x")));

        Assert.Contains("no access rule", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _host.Calls.Count);
    }

    [Fact]
    public async Task A_request_with_both_rules_is_refused()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(new TwoRulesEcho("x")));
        Assert.Equal(0, _host.Calls.Count);
    }

    [Fact]
    public async Task A_role_rule_without_roles_is_refused_to_everyone()
    {
        _host.User.ActAs(TestCurrentUser.Staff(StaffRole.Admin, Mine));

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(new NoRoleEcho("x")));
        Assert.Equal(0, _host.Calls.Count);
    }

    [Fact]
    public async Task An_anonymous_request_scoped_to_an_establishment_is_refused()
    {
        _host.User.ActAs(TestCurrentUser.Staff(StaffRole.Ide, Mine));

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(new AnonymousScopedEcho("x", Mine)));
    }

    [Fact]
    public async Task An_anonymous_request_passes_without_a_signed_in_user()
    {
        Assert.Equal("x", await _host.SendAsync(new AnonymousEcho("x")));
    }

    [Fact]
    public async Task A_role_rule_refuses_an_anonymous_user()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(new NurseEcho("x")));
        Assert.Equal(0, _host.Calls.Count);
    }

    [Fact]
    public async Task A_role_rule_refuses_an_authenticated_user_without_a_role()
    {
        _host.User.ActAs(new TestCurrentUser { IsAuthenticated = true, StaffMemberId = Guid.CreateVersion7(), Name = "Sans rôle" });

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(new NurseEcho("x")));
    }

    [Theory]
    [InlineData(StaffRole.Ide, true)]
    [InlineData(StaffRole.Ipa, true)]
    [InlineData(StaffRole.Oncologist, false)]
    [InlineData(StaffRole.Admin, false)]
    public async Task A_role_rule_lets_through_exactly_its_roles(StaffRole role, bool allowed)
    {
        _host.User.ActAs(TestCurrentUser.Staff(role, Mine));

        if (allowed)
        {
            Assert.Equal("x", await _host.SendAsync(new NurseEcho("x")));
        }
        else
        {
            await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(new NurseEcho("x")));
            Assert.Equal(0, _host.Calls.Count);
        }
    }

    [Fact]
    public async Task An_establishment_scoped_request_passes_only_for_the_users_establishments()
    {
        _host.User.ActAs(TestCurrentUser.Staff(StaffRole.Ide, Mine));

        Assert.Equal("x", await _host.SendAsync(new EstablishmentEcho("x", Mine)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(new EstablishmentEcho("y", Elsewhere)));
        Assert.Equal(1, _host.Calls.Count);
    }

    [Fact]
    public async Task An_establishment_filter_may_be_absent_but_never_name_another_establishment()
    {
        _host.User.ActAs(TestCurrentUser.Staff(StaffRole.Ide, Mine));

        Assert.Equal("all", await _host.SendAsync(new FilteredEcho("all", null)));
        Assert.Equal("mine", await _host.SendAsync(new FilteredEcho("mine", Mine)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(new FilteredEcho("other", Elsewhere)));
        Assert.Equal(2, _host.Calls.Count);
    }

    [Fact]
    public async Task Authorization_comes_before_validation_so_an_outsider_learns_nothing_from_messages()
    {
        _host.User.ActAs(TestCurrentUser.Staff(StaffRole.Admin, Mine));

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(new NurseEcho("")));
    }
}
