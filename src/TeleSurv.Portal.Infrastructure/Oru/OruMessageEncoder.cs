using System.Globalization;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Hl7;

namespace TeleSurv.Portal.Infrastructure.Oru;

/// <summary>
/// Writes a report version as an ORU^R01 (HL7 v2.5, French extension): MSH from configuration, PID (IPP, and the INS
/// of a qualified identity only), PV1 of class V (télésurveillance médicale), ORC/OBR with placer and filler numbers
/// that stay the same for every version of an alert's report, one OBX per graded symptom (composite grade, and the
/// confirmed CTCAE grade when there is one, in the local code system), the temperature in UCUM, and the text of the
/// report as formatted text. Codes and fields are listed in docs/integration-hl7.md.
/// </summary>
public sealed class OruMessageEncoder(IOptions<OruOptions> options, IOptions<ScheduleOptions> scheduleOptions) : IOruMessageWriter
{
    public const string ReportCode = "TLSV-CR";
    public const string ReportTextCode = "TLSV-CR-TEXTE";
    public const string WeeklySummaryCode = "TLSV-SH";
    public const string WeeklySummaryTextCode = "TLSV-SH-TEXTE";
    public const string TemperatureLoinc = "8310-5";
    public const string FinessOid = "1.2.250.1.71.4.2.2";
    public const string RppsOid = "1.2.250.1.71.4.2.1";

    // Typographic signs of the French texts that 8859/15 lacks, written as their plain equivalents rather than
    // refusing the report; any other character it lacks refuses the report (no character is lost silently).
    private static readonly (string From, string To)[] Typography =
    [
        ("\u2014", "-"), ("\u2013", "-"), ("\u2019", "'"), ("\u2018", "'"), ("\u201C", "\""), ("\u201D", "\""), ("\u2026", "..."),
        ("\u202F", " "), ("\u2009", " "),
    ];

    public OruWrittenMessage Write(OruReportVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var settings = options.Value;
        var zone = scheduleOptions.Value.ResolveTimeZone();
        var characterSet = settings.CharacterSet == OruOptions.Latin9 ? Hl7CharacterSet.Latin9 : Hl7CharacterSet.Utf8;
        var content = version.Content;
        var status = version.Kind switch
        {
            OruMessageKind.Correction => (Order: "RO", Result: "C", Observation: "C"),
            OruMessageKind.Withdrawal => (Order: "CA", Result: "X", Observation: "D"),
            _ => (Order: "NW", Result: "F", Observation: "F"),
        };
        string Time(DateTime utc) => Hl7Timestamp.Format(Local(utc, zone));

        var message = Start(settings, characterSet, content.Establishment, content.Patient, Time(version.At), version.ControlId);

        var placer = OrderNumber(content.Alert.AlertId);
        var orc = message.AddSegment("ORC");
        orc.Set(1, status.Order);
        orc.Set("2.1", placer).Set("2.2", Namespace(settings));
        orc.Set("3.1", placer).Set("3.2", Namespace(settings));
        orc.Set(5, version.Kind == OruMessageKind.Withdrawal ? "CA" : "CM");
        orc.Set(9, Time(version.At));
        Clinician(orc, "12", content.ResolvedBy);
        orc.Set("21.1", content.Establishment.Name).Set("21.6.2", FinessOid).Set("21.6.3", "ISO").Set("21.7", "FINEG").Set("21.10", content.Establishment.Finess);

        var observedAt = content.Alert.SubmittedAt ?? content.Alert.RaisedAt;
        var obr = message.AddSegment("OBR");
        obr.Set(1, "1");
        obr.Set("2.1", placer).Set("2.2", Namespace(settings));
        obr.Set("3.1", placer).Set("3.2", Namespace(settings));
        obr.Set("4.1", ReportCode).Set("4.2", "Compte rendu de télésurveillance médicale").Set("4.3", settings.LocalCodeSystem);
        obr.Set(7, Time(observedAt));
        for (var i = 0; i < content.Professionals.Count; i++)
        {
            Clinician(obr, $"16[{i + 1}]", content.Professionals[i]);
        }

        obr.Set(22, Time(content.WrittenAt));
        obr.Set(25, status.Result);
        Clinician(obr, "32.1", content.ResolvedBy, composite: false);

        var setId = 0;
        var group = 0;
        foreach (var symptom in content.Symptoms.Where(s => s.CompositeGrade is not null))
        {
            group++;
            var subId = group.ToString(CultureInfo.InvariantCulture);
            Observation(message, ++setId, "NM", $"{symptom.ItemKey}.composite", $"{symptom.ItemLabel} — grade composite PRO-CTCAE",
                settings.LocalCodeSystem, subId, Number(symptom.CompositeGrade!.Value), "0-3", status.Observation, Time(observedAt))
                .Set(8, AbnormalFlag(symptom.CompositeGrade.Value));
            if (symptom.ConfirmedCtcaeGrade is { } confirmed)
            {
                Observation(message, ++setId, "NM", $"{symptom.ItemKey}.ctcae", $"{symptom.ItemLabel} — grade CTCAE confirmé",
                    settings.LocalCodeSystem, subId, Number(confirmed), "1-5", status.Observation, Time(content.WrittenAt))
                    .Set(8, AbnormalFlag(confirmed));
            }
        }

        if (content.Alert.TemperatureCelsius is { } temperature)
        {
            var obx = Observation(message, ++setId, "NM", TemperatureLoinc, "Température corporelle", "LN", null,
                temperature.ToString("0.0", CultureInfo.InvariantCulture), null, status.Observation, Time(observedAt));
            obx.Set("6.1", "Cel").Set("6.2", "degré Celsius").Set("6.3", "UCUM");
        }

        var text = Observation(message, ++setId, "FT", ReportTextCode, "Compte rendu de télésurveillance (texte)", settings.LocalCodeSystem,
            null, null, null, status.Observation, Time(content.WrittenAt));
        text.SetRaw("5", FormattedText(version.Report.Text, message));
        PatientComment(message, content.Alert.PatientComment);

        return Finish(message, settings, characterSet);
    }

    /// <summary>
    /// A week of an enrollment: ORC/OBR numbered from the enrollment and the week (see <see cref="SummaryOrderNumber"/>),
    /// OBR-4 <see cref="WeeklySummaryCode"/>, the composite grades and temperature as in a report, and the summary's
    /// text; no professional, since no one acted.
    /// </summary>
    public OruWrittenMessage WriteWeeklySummary(OruWeeklySummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var settings = options.Value;
        var zone = scheduleOptions.Value.ResolveTimeZone();
        var characterSet = settings.CharacterSet == OruOptions.Latin9 ? Hl7CharacterSet.Latin9 : Hl7CharacterSet.Utf8;
        var content = summary.Content;
        string Time(DateTime utc) => Hl7Timestamp.Format(Local(utc, zone));

        var message = Start(settings, characterSet, content.Establishment, content.Patient, Time(summary.At), summary.ControlId);
        var placer = SummaryOrderNumber(content.EnrollmentId, content.WeekDueDate);
        var orc = message.AddSegment("ORC");
        orc.Set(1, "NW");
        orc.Set("2.1", placer).Set("2.2", Namespace(settings));
        orc.Set("3.1", placer).Set("3.2", Namespace(settings));
        orc.Set(5, "CM");
        orc.Set(9, Time(summary.At));
        orc.Set("21.1", content.Establishment.Name).Set("21.6.2", FinessOid).Set("21.6.3", "ISO").Set("21.7", "FINEG").Set("21.10", content.Establishment.Finess);

        var observedAt = content.SubmittedAt ?? content.WindowClosesAt;
        var obr = message.AddSegment("OBR");
        obr.Set(1, "1");
        obr.Set("2.1", placer).Set("2.2", Namespace(settings));
        obr.Set("3.1", placer).Set("3.2", Namespace(settings));
        obr.Set("4.1", WeeklySummaryCode).Set("4.2", "Synthèse hebdomadaire de télésurveillance médicale").Set("4.3", settings.LocalCodeSystem);
        obr.Set(7, Time(observedAt));
        obr.Set(22, Time(summary.At));
        obr.Set(25, "F");

        var setId = 0;
        foreach (var symptom in content.Symptoms.Where(s => s.CompositeGrade is not null))
        {
            Observation(message, ++setId, "NM", $"{symptom.ItemKey}.composite", $"{symptom.ItemLabel} — grade composite PRO-CTCAE",
                settings.LocalCodeSystem, setId.ToString(CultureInfo.InvariantCulture), Number(symptom.CompositeGrade!.Value), "0-3", "F", Time(observedAt))
                .Set(8, AbnormalFlag(symptom.CompositeGrade.Value));
        }

        if (content.TemperatureCelsius is { } temperature)
        {
            var obx = Observation(message, ++setId, "NM", TemperatureLoinc, "Température corporelle", "LN", null,
                temperature.ToString("0.0", CultureInfo.InvariantCulture), null, "F", Time(observedAt));
            obx.Set("6.1", "Cel").Set("6.2", "degré Celsius").Set("6.3", "UCUM");
        }

        var text = Observation(message, ++setId, "FT", WeeklySummaryTextCode, "Synthèse hebdomadaire (texte)", settings.LocalCodeSystem,
            null, null, null, "F", Time(summary.At));
        text.SetRaw("5", FormattedText(content.Text, message));
        PatientComment(message, content.PatientComment);
        return Finish(message, settings, characterSet);
    }

    /// <summary>The number a weekly summary's ORC/OBR carry: 12 characters of the enrollment's id and the week's due date.</summary>
    public static string SummaryOrderNumber(Guid enrollmentId, DateOnly week) =>
        enrollmentId.ToString("N", CultureInfo.InvariantCulture)[..12].ToUpperInvariant() + week.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static Hl7MessageBuilder Start(
        OruOptions settings, Hl7CharacterSet characterSet, ReportEstablishment establishment, ReportPatient patient, string at, string controlId)
    {
        var message = new Hl7MessageBuilder(characterSet);
        var msh = message.Header;
        msh.SetRaw("3", settings.SendingApplication);
        msh.SetRaw("4", settings.SendingFacility.Length > 0
            ? settings.SendingFacility
            : $"{Escape(establishment.Finess, message)}^{FinessOid}^ISO");
        msh.SetRaw("5", settings.ReceivingApplication);
        msh.SetRaw("6", settings.ReceivingFacility);
        msh.Set("7", at);
        msh.SetRaw("9", "ORU^R01^ORU_R01");
        msh.Set("10", controlId);
        msh.Set("11", settings.ProcessingId);
        msh.SetRaw("12", settings.VersionId);
        msh.Set("17", "FRA");
        msh.Set("19", "FR");

        WritePatient(message, patient, establishment, settings);
        message.AddSegment("PV1").Set(1, "1").Set(2, "V");
        return message;
    }

    private static OruWrittenMessage Finish(Hl7MessageBuilder message, OruOptions settings, Hl7CharacterSet characterSet)
    {
        var er7 = characterSet == Hl7CharacterSet.Latin9 ? Typography.Aggregate(message.ToString(), (text, pair) => text.Replace(pair.From, pair.To, StringComparison.Ordinal)) : message.ToString();
        try
        {
            Hl7CharacterSets.Encode(er7, characterSet);
        }
        catch (Hl7EncodingException exception)
        {
            throw new OruMessageException($"The message cannot be written in {settings.CharacterSet}: {exception.Message}", exception);
        }

        return new OruWrittenMessage(er7, settings.CharacterSet);
    }

    /// <summary>The number ORC-2, ORC-3, OBR-2 and OBR-3 carry for every version of an alert's report: 20 characters of its id.</summary>
    public static string OrderNumber(Guid alertId) => alertId.ToString("N", CultureInfo.InvariantCulture)[..20].ToUpperInvariant();

    /// <summary>
    /// PID-3's IPP authority (PAM FR): the HD the hospital's ADT sent, as sent, so that the EAI matches its own
    /// identifier; else the OID configured for the IPP's establishment (<c>Oru:Establishments:&lt;code&gt;</c>), type
    /// ISO; else the establishment's FINESS (type N, FINESS-EG) when the IPP is the establishment's, the name alone
    /// otherwise (docs/oru-outbound.md).
    /// </summary>
    internal static (string? NamespaceId, string? UniversalId, string? UniversalIdType) IppAuthority(
        ReportPatient patient, ReportEstablishment establishment, OruOptions settings)
    {
        if (!string.IsNullOrEmpty(patient.IppAuthorityUniversalId))
        {
            return (patient.IppAuthorityNamespaceId ?? patient.IppAuthority, patient.IppAuthorityUniversalId, patient.IppAuthorityUniversalIdType);
        }

        if (settings.Establishments.TryGetValue(patient.IppAuthority, out var configured) && configured.IppOid.Length > 0)
        {
            return (configured.IppNamespaceId.Length > 0 ? configured.IppNamespaceId : patient.IppAuthority, configured.IppOid, "ISO");
        }

        return patient.IppAuthority == establishment.Code ? (patient.IppAuthority, establishment.Finess, "N") : (patient.IppAuthority, null, null);
    }

    private static void WritePatient(Hl7MessageBuilder message, ReportPatient patient, ReportEstablishment establishment, OruOptions settings)
    {
        var pid = message.AddSegment("PID");
        pid.Set(1, "1");
        var authority = IppAuthority(patient, establishment, settings);
        pid.Set("3[1].1", patient.Ipp).Set("3[1].4.1", authority.NamespaceId).Set("3[1].5", "PI");
        if (authority.UniversalId is not null)
        {
            pid.Set("3[1].4.2", authority.UniversalId).Set("3[1].4.3", authority.UniversalIdType);
        }

        if (patient.Ins is { } ins && patient.IdentityStatus == IdentityStatus.Qualified)
        {
            var oid = patient.InsOid ?? InsOids.Nir;
            pid.Set("3[2].1", ins)
                .Set("3[2].4.1", oid == InsOids.Nia ? "ASIP-SANTE-INS-NIA" : "ASIP-SANTE-INS-NIR")
                .Set("3[2].4.2", oid)
                .Set("3[2].4.3", "ISO")
                .Set("3[2].5", "INS");
        }

        var firstNames = patient.FirstNames.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        pid.Set("5.1", patient.BirthFamilyName).Set("5.2", firstNames.FirstOrDefault() ?? string.Empty).Set("5.3", patient.FirstNames).Set("5.7", "L");

        // PAM FR: the used name is a repetition of its own, typed D, beside the birth name L.
        if (!string.IsNullOrWhiteSpace(patient.UsedFamilyName) || !string.IsNullOrWhiteSpace(patient.UsedFirstName))
        {
            pid.Set("5[2].1", patient.UsedFamilyName ?? patient.BirthFamilyName)
                .Set("5[2].2", patient.UsedFirstName ?? firstNames.FirstOrDefault() ?? string.Empty)
                .Set("5[2].7", "D");
        }
        pid.Set(7, patient.BirthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        pid.Set(8, patient.Sex switch
        {
            Sex.Female => "F",
            Sex.Male => "M",
            Sex.Other => "O",
            _ => "U",
        });
        pid.Set(32, patient.IdentityStatus == IdentityStatus.Qualified ? "VALI" : "PROV");
    }

    private static Hl7SegmentBuilder Observation(
        Hl7MessageBuilder message, int setId, string valueType, string code, string label, string system, string? subId, string? value,
        string? range, string status, string observedAt)
    {
        var obx = message.AddSegment("OBX");
        obx.Set(1, setId.ToString(CultureInfo.InvariantCulture));
        obx.Set(2, valueType);
        obx.Set("3.1", code).Set("3.2", label).Set("3.3", system);
        obx.Set(4, subId);
        obx.Set(5, value);
        obx.Set(7, range);
        obx.Set(11, status);
        obx.Set(14, observedAt);
        return obx;
    }

    /// <summary>
    /// A professional as an XCN (ORC-12, OBR-16) or, in OBR-32, as the CNN of its first component, whose parts are
    /// subcomponents: id, family name, given names, prefix, then the RPPS assigning authority (namespace, OID, ISO),
    /// and in an XCN the name type and the identifier type RPPS. The name is split by <see cref="ProfessionalName"/>.
    /// </summary>
    private static void Clinician(Hl7SegmentBuilder segment, string field, ReportProfessional professional, bool composite = true)
    {
        // In an XCN the parts are components of the field; in the CNN of OBR-32 they are subcomponents of component 1.
        string Part(int n) => $"{field}.{n}";
        var name = ProfessionalName.Split(professional.Name);
        segment.Set(composite ? $"{field}.2.1" : Part(2), name.Family);
        segment.Set(Part(3), name.Given);
        segment.Set(Part(6), name.Prefix);
        if (professional.Rpps is { } rpps)
        {
            segment.Set(Part(1), rpps);
            if (composite)
            {
                segment.Set($"{field}.9.1", "ASIP-SANTE-PS").Set($"{field}.9.2", RppsOid).Set($"{field}.9.3", "ISO")
                    .Set($"{field}.10", "D").Set($"{field}.13", "RPPS");
            }
            else
            {
                segment.Set(Part(9), "ASIP-SANTE-PS").Set(Part(10), RppsOid).Set(Part(11), "ISO");
            }
        }
    }

    /// <summary>
    /// OBX-8 of a graded observation (composite PRO-CTCAE 0-3, CTCAE 1-5): <c>N</c> for grades 0 and 1, <c>H</c> for
    /// grade 2, <c>HH</c> for grade 3 and above (the table in docs/oru-outbound.md).
    /// </summary>
    public static string AbnormalFlag(int grade) => grade switch
    {
        <= 1 => "N",
        2 => "H",
        _ => "HH",
    };

    // The patient's own words, as a remark on the observations (NTE-4 RE, HL7 table 0364), escaped.
    private static void PatientComment(Hl7MessageBuilder message, string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return;
        }

        var nte = message.AddSegment("NTE");
        nte.Set(1, "1");
        nte.Set(2, "O");
        nte.SetRaw("3", FormattedText(comment, message));
        nte.Set("4.1", "RE").Set("4.2", "Commentaire du patient").Set("4.3", "HL70364");
    }

    // FT: each line escaped, lines joined by the formatting command for a new line.
    private static string FormattedText(string text, Hl7MessageBuilder message)
    {
        var escape = message.Delimiters.Escape;
        var lines = text.TrimEnd('\n').Split('\n').Select(line => Escape(line.TrimEnd('\r'), message));
        return string.Join($"{escape}.br{escape}", lines);
    }

    private static string Escape(string text, Hl7MessageBuilder message) => Hl7Escaping.Escape(text, message.Delimiters);

    private static string Namespace(OruOptions settings) => settings.SendingApplication.Split('^')[0];

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset Local(DateTime utc, TimeZoneInfo zone)
    {
        var at = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(at).ToOffset(zone.GetUtcOffset(at));
    }
}
