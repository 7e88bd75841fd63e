using Bunit;
using TeleSurv.Portal.Web.Components.Layout;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Layout;

public sealed class PageBreadcrumbsTests : PortalComponentTest
{
    [Fact]
    public void Leads_back_to_the_section_and_names_the_page_without_a_link()
    {
        var crumbs = Render<PageBreadcrumbs>(parameters => parameters
            .Add(p => p.Section, "alerts")
            .Add(p => p.Current, "ROUSSEAU Hélène"));

        var nav = crumbs.Find("nav.portal-breadcrumbs");
        Assert.Equal("Fil d'Ariane", nav.GetAttribute("aria-label"));
        var section = crumbs.Find("a[href='/alerts']");
        Assert.Contains("Alertes", section.TextContent, StringComparison.Ordinal);
        Assert.Equal("ROUSSEAU Hélène", crumbs.Find("[aria-current='page']").TextContent);
        Assert.Single(crumbs.FindAll("a"));
    }

    [Fact]
    public void Speaks_english_when_the_culture_is_english()
    {
        UseCulture("en-GB");

        var crumbs = Render<PageBreadcrumbs>(parameters => parameters
            .Add(p => p.Section, "patients")
            .Add(p => p.Current, "DUPONT Marie"));

        Assert.Equal("Breadcrumb", crumbs.Find("nav").GetAttribute("aria-label"));
        Assert.Contains("Patients", crumbs.Find("a[href='/patients']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_section_the_navigation_does_not_have()
    {
        var thrown = Assert.Throws<ArgumentException>(() => Render<PageBreadcrumbs>(parameters => parameters
            .Add(p => p.Section, "nowhere")
            .Add(p => p.Current, "page")));

        Assert.Contains("nowhere", thrown.Message, StringComparison.Ordinal);
    }
}
