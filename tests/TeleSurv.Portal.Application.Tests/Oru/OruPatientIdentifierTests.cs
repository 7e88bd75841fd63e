using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Infrastructure.Oru;

namespace TeleSurv.Portal.Application.Tests.Oru;

/// <summary>
/// PID-3's IPP in the ORU (PAM FR): the assigning authority the hospital's ADT sent comes back as sent; without one,
/// the OID configured for the establishment (type ISO); without either, the establishment's FINESS (type N).
/// </summary>
public sealed class OruPatientIdentifierTests
{
    private static readonly ReportEstablishment Establishment = new(Guid.NewGuid(), "CH de Rivemont", "440990018", "CHRIV");

    private static ReportPatient Patient(string authority = "CHRIV", string? ns = null, string? universalId = null, string? type = null) => new(
        Guid.NewGuid(), "ROUSSEAU Hélène", "ROUSSEAU", "Hélène", new DateOnly(1979, 3, 28), Sex.Female, "13432543", authority, null, null,
        IdentityStatus.Provisional, IppAuthorityNamespaceId: ns, IppAuthorityUniversalId: universalId, IppAuthorityUniversalIdType: type);

    private static string Pid3(ReportPatient patient, OruOptions? settings = null)
    {
        var encoder = new OruMessageEncoder(Options.Create(settings ?? new OruOptions()), Options.Create(new ScheduleOptions()));
        var content = new WeeklySummaryContent(Guid.NewGuid(), new DateOnly(2026, 12, 7), new DateTime(2026, 12, 7, 18, 0, 0, DateTimeKind.Utc),
            patient, Establishment, null, null, null, [], "Pas de réponse cette semaine.");
        var message = encoder.WriteWeeklySummary(new OruWeeklySummary("C0000000000000000001", new DateTime(2026, 12, 7, 19, 0, 0, DateTimeKind.Utc), content)).Message;
        var pid = message.Split('\r').Single(s => s.StartsWith("PID|", StringComparison.Ordinal));
        return pid.Split('|')[3].Split('~')[0];
    }

    private static OruOptions Configured(string code, string oid, string ns = "")
    {
        var settings = new OruOptions();
        settings.Establishments[code] = new OruEstablishmentOptions { IppOid = oid, IppNamespaceId = ns };
        return settings;
    }

    [Fact]
    public void The_authority_the_adt_sent_comes_back_with_its_oid_and_iso()
    {
        var patient = Patient(ns: "CHRIV-GAM", universalId: "1.2.250.1.211.10.200.2", type: "ISO");

        // The configuration does not override what the hospital itself said.
        Assert.Equal("13432543^^^CHRIV-GAM&1.2.250.1.211.10.200.2&ISO^PI", Pid3(patient, Configured("CHRIV", "1.2.250.1.999.1")));
    }

    [Fact]
    public void A_finess_the_adt_sent_with_type_m_comes_back_as_sent()
    {
        Assert.Equal("13432543^^^CHU-X&000897406&M^PI", Pid3(Patient(ns: "CHU-X", universalId: "000897406", type: "M")));
    }

    [Fact]
    public void An_authority_sent_without_a_namespace_comes_back_under_the_ipps_authority()
    {
        Assert.Equal("13432543^^^CHRIV&1.2.250.1.211.10.200.2&ISO^PI", Pid3(Patient(universalId: "1.2.250.1.211.10.200.2", type: "ISO")));
    }

    [Fact]
    public void Without_an_adt_authority_the_establishments_configured_oid_is_sent_as_iso()
    {
        Assert.Equal("13432543^^^CHRIV&1.2.250.1.211.10.200.2&ISO^PI", Pid3(Patient(), Configured("chriv", "1.2.250.1.211.10.200.2")));
        Assert.Equal("13432543^^^GAM RIVEMONT&1.2.250.1.211.10.200.2&ISO^PI", Pid3(Patient(), Configured("CHRIV", "1.2.250.1.211.10.200.2", "GAM RIVEMONT")));
    }

    [Fact]
    public void Without_either_the_establishments_finess_is_sent_as_finess_eg_and_another_authority_by_its_name_alone()
    {
        Assert.Equal("13432543^^^CHRIV&440990018&N^PI", Pid3(Patient(), Configured("OTHER", "1.2.250.1.211.10.200.2")));
        Assert.Equal("13432543^^^GAM-EXT^PI", Pid3(Patient(authority: "GAM-EXT")));
    }

    [Fact]
    public void Delimiters_in_a_namespace_are_escaped_and_cannot_add_subcomponents()
    {
        Assert.Equal(@"13432543^^^CH \T\ CLINIQUE\S\X&1.2.250.1.211.10.200.2&ISO^PI",
            Pid3(Patient(ns: "CH & CLINIQUE^X", universalId: "1.2.250.1.211.10.200.2", type: "ISO")));
        Assert.Equal(@"13432543^^^A\T\B&1.2.250.1.211.10.200.2&ISO^PI", Pid3(Patient(), Configured("CHRIV", "1.2.250.1.211.10.200.2", "A&B")));
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("440990018", "not an OID")]
    [InlineData("1.2.250.1.71.4.2.2&ISO", "not an OID")]
    [InlineData("1.2.250.01.4", "not an OID")]
    [InlineData("3.2.250", "not an OID")]
    [InlineData("1", "not an OID")]
    public void A_configured_oid_that_is_not_an_oid_is_refused_naming_the_setting(string oid, string why)
    {
        var problems = new OruEstablishmentOptions { IppOid = oid }.Validate();

        Assert.Contains(problems, p => p.StartsWith("IppOid ", StringComparison.Ordinal) && p.Contains(why, StringComparison.Ordinal));
        Assert.Empty(new OruEstablishmentOptions { IppOid = "1.2.250.1.211.10.200.2" }.Validate());
    }
}
