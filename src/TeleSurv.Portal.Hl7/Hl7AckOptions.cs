namespace TeleSurv.Portal.Hl7;

/// <summary>How this receiver signs its acknowledgements.</summary>
public sealed class Hl7AckOptions
{
    /// <summary>MSH-3 of the acknowledgement when the original's MSH-5 (receiving application) is empty.</summary>
    public string SendingApplication { get; init; } = string.Empty;

    /// <summary>MSH-4 of the acknowledgement when the original's MSH-6 (receiving facility) is empty.</summary>
    public string SendingFacility { get; init; } = string.Empty;

    /// <summary>The clock for MSH-7.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Makes MSH-10 of each acknowledgement; by default 20 random hexadecimal characters (MSH-10 is 20 long in v2.5).</summary>
    public Func<string> ControlIdFactory { get; init; } = NewControlId;

    private static string NewControlId() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10));
}
