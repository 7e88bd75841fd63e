using System.Globalization;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Hl7;

namespace TeleSurv.Portal.Infrastructure.Adt;

/// <summary>
/// The portal's HL7 v2 codec behind <see cref="IAdtMessageCodec"/>: reads an ER7 ADT message of IHE PAM France into
/// an <see cref="AdtEvent"/> (PID, MRG, PV1, the first ZBE), keeping HL7's three states, and writes acknowledgements
/// with <see cref="Hl7AckBuilder"/>. Timestamps without an offset are the sender's local time in
/// <see cref="SenderTimeZone"/>.
/// </summary>
public sealed class Hl7AdtCodec : IAdtMessageCodec
{
    /// <summary>The longest MSH-10 the journal keeps, and compares, whole.</summary>
    public const int MaxControlIdLength = 64;

    /// <summary>The longest MSH-3 and MSH-4 the journal keeps, and compares, whole.</summary>
    public const int MaxSenderLength = 100;

    private readonly Hl7AckBuilder _ackBuilder;

    public Hl7AdtCodec(TimeProvider timeProvider, TimeZoneInfo? senderTimeZone = null, Hl7FieldLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        SenderTimeZone = senderTimeZone ?? TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        Limits = limits ?? Hl7FieldLimits.Default;
        _ackBuilder = new Hl7AckBuilder(new Hl7AckOptions { SendingApplication = "TELESURV", TimeProvider = timeProvider });
    }

    public TimeZoneInfo SenderTimeZone { get; }

    /// <summary>Repetitions, components and subcomponents a field may hold; more is answered AE naming the field.</summary>
    public Hl7FieldLimits Limits { get; }

    public AdtInboundMessage Read(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return Read(Parse(raw));
    }

    /// <summary>Parses a message with this codec's <see cref="Limits"/>.</summary>
    public Hl7Message Parse(ReadOnlySpan<byte> payload) => Hl7Message.Parse(payload, Limits);

    private Hl7Message Parse(string raw) => Hl7Message.Parse(raw, Limits);

    /// <summary>Reads a parsed message; the journal keeps its decoded text.</summary>
    public AdtInboundMessage Read(Hl7Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var issues = message.Errors
            .Where(e => e.Severity == Hl7Severity.Error)
            .Select(e => new AdtIssue((int)e.Condition, AdtIssueSeverity.Error, e.Message, Location(e.Location)) { Rejects = Hl7AckBuilder.IsHeaderRejection(e) })
            .ToList();
        var header = new AdtInboundMessage
        {
            SendingApplication = message.Get("MSH-3").Raw,
            SendingFacility = message.Get("MSH-4").Raw,
            ControlId = message.ControlId is { Length: > 0 } id ? id : null,
            MessageType = message.MessageType,
            TriggerEvent = message.TriggerEvent,
            Version = message.Version,
            Raw = message.ToString(),
            Parsed = message,
        };

        if (!message.IsReadable)
        {
            return header with { Issues = issues };
        }

        // The journal keys on these values whole: a longer one could never be found again, so it is refused at once.
        TooLong(issues, "MSH-3", header.SendingApplication, MaxSenderLength, "MSH^1^3");
        TooLong(issues, "MSH-4", header.SendingFacility, MaxSenderLength, "MSH^1^4");
        TooLong(issues, "MSH-10", header.ControlId, MaxControlIdLength, "MSH^1^10");

        // Found by the parse, in one pass, before anything reads a field: a run of thousands of separators is
        // refused, not walked.
        if (message.Errors.Any(e => e.Code == Hl7ParseErrorCode.FieldLimitExceeded) || !message.TryGetSegment("PID", out _))
        {
            return header with { Issues = issues };
        }

        var trigger = header.TriggerEvent.Length > 0 ? header.TriggerEvent : message.Get("EVN-1").Text;
        var adt = new AdtEvent
        {
            Trigger = trigger.ToUpperInvariant(),
            Patient = ReadPatient(message, issues),
            PriorIdentifiers = Identifiers(message.GetRepetitions("MRG-1")),
            Movement = message.TryGetSegment("ZBE", out _) ? ReadMovement(message, issues) : null,
        };
        return header with { Event = adt, Issues = issues };
    }

    public string Acknowledge(AdtInboundMessage message, AdtAckCode code, IReadOnlyList<AdtIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(issues);
        var original = message.Parsed as Hl7Message ?? Parse(message.Raw);
        var outcome = code switch
        {
            AdtAckCode.AA => Hl7AckOutcome.Accepted,
            AdtAckCode.AE => Hl7AckOutcome.Error,
            _ => Hl7AckOutcome.Rejected,
        };
        var errors = issues.Select(i => new Hl7AckError(
            Enum.IsDefined(typeof(Hl7ErrorCondition), i.Code) ? (Hl7ErrorCondition)i.Code : Hl7ErrorCondition.ApplicationInternalError,
            i.Message,
            i.Severity switch { AdtIssueSeverity.Warning => Hl7Severity.Warning, AdtIssueSeverity.Information => Hl7Severity.Information, _ => Hl7Severity.Error },
            ParseLocation(i.Location)));
        return _ackBuilder.Build(original, outcome, errors).ToString();
    }

    public bool SameContent(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (string.Equals(first, second, StringComparison.Ordinal))
        {
            return true;
        }

        var a = Hl7Message.Parse(first);
        var b = Hl7Message.Parse(second);
        if (!a.IsReadable || !b.IsReadable || a.SegmentCount != b.SegmentCount)
        {
            return false;
        }

        for (var i = 1; i < a.SegmentCount; i++)
        {
            if (!a[i].RawSpan.SequenceEqual(b[i].RawSpan))
            {
                return false;
            }
        }

        var fields = Math.Max(a[0].FieldCount, b[0].FieldCount);
        for (var field = 1; field <= fields; field++)
        {
            if (field != 7 && !a[0].Get(field).RawSpan.SequenceEqual(b[0].Get(field).RawSpan))
            {
                return false;
            }
        }

        return true;
    }

    private static void TooLong(List<AdtIssue> issues, string name, string? value, int maxLength, string location)
    {
        if (value is { Length: var length } && length > maxLength)
        {
            issues.Add(AdtIssue.Error(AdtIssue.DataTypeError,
                $"{name} is {length} characters long; this receiver keys messages on at most {maxLength}: send it with a shorter {name}.",
                location) with { Rejects = true });
        }
    }

    private static AdtPatientIdentity ReadPatient(Hl7Message message, List<AdtIssue> issues)
    {
        var pid = message.Get("PID-5");
        var identity = new AdtPatientIdentity
        {
            Identifiers = Identifiers(message.GetRepetitions("PID-3")),
            Names = Field(pid, () => (IReadOnlyList<AdtName>)message.GetRepetitions("PID-5")
                .Where(r => r.Component(1).HasValue)
                .Select(r => new AdtName(r.Component(1).Text.Trim(), Text(r.Component(2)), Text(r.Component(3)), Text(r.Component(7))))
                .ToList()),
            BirthDate = BirthDate(message.Get("PID-7"), issues),
            Sex = Field(message.Get("PID-8"), () => SexOf(message.Get("PID-8").Text)),
            IdentityReliability = Field(message.Get("PID-32"), () => message.Get("PID-32").Text.Trim().ToUpperInvariant()),
        };

        var addresses = message.Get("PID-11");
        if (addresses.IsNull)
        {
            identity = identity with { Address = AdtField.Delete<AdtAddress>(), BirthplaceCode = AdtField.Delete<string>() };
        }
        else if (addresses.HasValue)
        {
            var repetitions = message.GetRepetitions("PID-11").ToList();
            var birthplace = repetitions.FirstOrDefault(r => r.Component(7).Text == "BDL");
            var home = repetitions.FirstOrDefault(r => r.Component(7).Text != "BDL" && r.HasValue);
            identity = identity with
            {
                Address = home.HasValue
                    ? AdtField.Of(new AdtAddress(Join(Text(home.Component(1)), Text(home.Component(2))), Text(home.Component(5)), Text(home.Component(3))))
                    : AdtField.Delete<AdtAddress>(),
                BirthplaceCode = Text(birthplace.Component(9)) is { } code ? AdtField.Of(code) : AdtField.Delete<string>(),
            };
        }

        var telecoms = message.Get("PID-13");
        if (telecoms.IsNull)
        {
            identity = identity with { Phone = AdtField.Delete<string>(), Email = AdtField.Delete<string>() };
        }
        else if (telecoms.HasValue)
        {
            var repetitions = message.GetRepetitions("PID-13").ToList();
            var email = repetitions.Select(r => Text(r.Component(4))).FirstOrDefault(e => e is not null);
            var phone = repetitions
                .Where(r => r.Component(3).Text is "PH" or "CP" or "" && r.Component(2).Text != "NET")
                .Select(r => Text(r.Component(12)) ?? Text(r.Component(1)))
                .FirstOrDefault(p => p is not null);
            identity = identity with
            {
                Phone = phone is null ? AdtField.Delete<string>() : AdtField.Of(phone),
                Email = email is null ? AdtField.Delete<string>() : AdtField.Of(email),
            };
        }

        return identity;
    }

    private AdtMovementNotice ReadMovement(Hl7Message message, List<AdtIssue> issues)
    {
        var actionCode = Text(message.Get("ZBE-4"))?.ToUpperInvariant();
        DateTime? at = null;
        var start = message.Get("ZBE-2");
        if (start.HasValue)
        {
            at = Timestamp(start.Text);
            if (at is null)
            {
                issues.Add(AdtIssue.Error(AdtIssue.DataTypeError, $"ZBE-2 \"{start.Text}\" is not a date and time (YYYYMMDDHHMM[SS]).", "ZBE^1^2"));
            }
        }

        return new AdtMovementNotice
        {
            MovementId = message.Get("ZBE-1.1").Text.Trim(),
            MovementAuthority = message.Get("ZBE-1.2").Text.Trim(),
            At = at,
            ActionCode = actionCode,
            Action = actionCode switch
            {
                "INSERT" => MovementAction.Insert,
                "UPDATE" => MovementAction.Update,
                "CANCEL" => MovementAction.Cancel,
                _ => null,
            },
            Historic = message.Get("ZBE-5").Text == "Y",
            OriginalTrigger = Text(message.Get("ZBE-6")),
            MedicalUnit = Unit(message.Get("ZBE-7")),
            CareUnit = Unit(message.Get("ZBE-8")),
            Nature = Text(message.Get("ZBE-9.1")),
            PatientClassCode = Text(message.Get("PV1-2")),
            LodgingUnit = Text(message.Get("PV1-3.1")),
            VisitNumber = Text(message.Get("PV1-19.1")),
        };
    }

    private static AdtUnit? Unit(Hl7Value xon)
    {
        var code = Text(xon.Component(10));
        var name = Text(xon.Component(1));
        return code is null && name is null ? null : new AdtUnit(code, name);
    }

    private static List<AdtIdentifier> Identifiers(IEnumerable<Hl7Value> repetitions) =>
        repetitions
            .Where(r => r.IsPresent && (r.Component(1).HasValue || r.Component(1).IsNull))
            .Select(r => new AdtIdentifier(
                r.Component(1).IsNull ? null : r.Component(1).Text.Trim(),
                r.Component(5).Text.Trim(),
                Text(r.Component(4).Subcomponent(1)),
                Text(r.Component(4).Subcomponent(2)),
                Text(r.Component(4).Subcomponent(3))))
            .ToList();

    private static AdtField<DateOnly> BirthDate(Hl7Value value, List<AdtIssue> issues)
    {
        if (value.IsNull)
        {
            return AdtField.Delete<DateOnly>();
        }

        if (!value.HasValue)
        {
            return default;
        }

        var text = value.Text.Trim();
        if (text.Length >= 8 && DateOnly.TryParseExact(text[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return AdtField.Of(date);
        }

        issues.Add(AdtIssue.Error(AdtIssue.DataTypeError, $"PID-7 \"{text}\" is not a date (YYYYMMDD).", "PID^1^7"));
        return default;
    }

    /// <summary>A DTM as UTC; without an offset it is the sender's local time.</summary>
    private DateTime? Timestamp(string text)
    {
        if (!Hl7Timestamp.TryParse(text, TimeSpan.Zero, out var value))
        {
            return null;
        }

        var hasOffset = text.AsSpan(Math.Min(8, text.Length)).IndexOfAny('+', '-') >= 0;
        if (hasOffset)
        {
            return value.UtcDateTime;
        }

        var local = value.DateTime;
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), SenderTimeZone);
    }

    private static Sex SexOf(string code) => code.Trim().ToUpperInvariant() switch
    {
        "F" => Sex.Female,
        "M" => Sex.Male,
        "O" or "A" => Sex.Other,
        _ => Sex.Unknown,
    };

    private static AdtField<T> Field<T>(Hl7Value value, Func<T> read) =>
        value.IsNull ? AdtField.Delete<T>() : value.HasValue ? AdtField.Of(read()) : default;

    private static string? Text(Hl7Value value) => value.HasValue && value.Text.Trim() is { Length: > 0 } text ? text : null;

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : $"{first}, {second}";

    /// <summary>An ERL written the way the ingestion writes locations: segment^sequence^field^repetition^component.</summary>
    private static string? Location(Hl7Location location)
    {
        if (!location.IsKnown)
        {
            return null;
        }

        var parts = new[] { location.SegmentSequence, location.Field, location.Repetition, location.Component, location.Subcomponent };
        var used = parts.Reverse().SkipWhile(p => p == 0).Reverse().Select(p => p.ToString(CultureInfo.InvariantCulture));
        return string.Join('^', used.Prepend(location.SegmentName));
    }

    private static Hl7Location? ParseLocation(string? location)
    {
        if (string.IsNullOrEmpty(location))
        {
            return null;
        }

        var parts = location.Split('^');
        int At(int index) => index < parts.Length && int.TryParse(parts[index], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return new Hl7Location(parts[0], Math.Max(At(1), 1), At(2), At(3), At(4), At(5));
    }
}
