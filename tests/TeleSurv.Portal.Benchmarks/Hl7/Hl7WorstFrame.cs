using System.Diagnostics;
using System.Globalization;
using TeleSurv.Portal.Hl7;
using TeleSurv.Portal.Infrastructure.Adt;

namespace TeleSurv.Portal.Benchmarks.Hl7;

/// <summary>
/// The worst frame of the fuzz, a PID-5 of tens of thousands of repetitions, read three ways (<c>hl7-worst-frame</c>):
/// the access pattern the ADT codec had (repetition n found by scanning the field from its start, for each n), the
/// codec now with the field limits lifted (one pass), and the codec now with its default limits (refused with AE).
/// </summary>
internal static class Hl7WorstFrame
{
    public static int Run()
    {
        var codec = new Hl7AdtCodec(TimeProvider.System);
        var unlimited = new Hl7AdtCodec(TimeProvider.System, limits: new Hl7FieldLimits { MaxRepetitions = int.MaxValue, MaxComponents = int.MaxValue, MaxSubcomponents = int.MaxValue });
        foreach (var repetitions in new[] { 8_192, 32_768 })
        {
            var text = "MSH|^~\\&|GAM|CHU|TELESURV|GHT|20261206120000||ADT^A28^ADT_A05|W1|P|2.5|||||FRA|UNICODE UTF-8\r"
                + "EVN||20261206120000\rPID|1||1900068^^^CHU&1.2.250.1.71.4.2.2&ISO^PI||" + new string('~', repetitions - 1) + "ROUSSEAU^HELENE^^^^^L||19790328|F\rPV1|1|N\r";
            var previous = Time(() =>
            {
                var value = Hl7Message.Parse(text, new Hl7FieldLimits { MaxRepetitions = int.MaxValue }).Get("PID-5");
                var names = 0;
                for (var i = 1; i <= value.RepetitionCount; i++)
                {
                    var repetition = value.Repetition(i);
                    if (repetition.Component(1).HasValue)
                    {
                        _ = (repetition.Component(1).Text, repetition.Component(2).Text, repetition.Component(3).Text, repetition.Component(7).Text);
                        names++;
                    }
                }

                return names;
            });
            var linear = Time(() => unlimited.Read(text).Event!.Patient.Names.Value!.Count);
            var refused = Time(() => codec.Read(text).Issues.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"PID-5 with {repetitions} repetitions: previous access {previous.TotalMilliseconds:0.0} ms, codec without limits {linear.TotalMilliseconds:0.0} ms, codec refusing (AE) {refused.TotalMilliseconds:0.0} ms"));
        }

        return 0;
    }

    private static TimeSpan Time(Func<int> work)
    {
        work();
        var clock = Stopwatch.StartNew();
        work();
        return clock.Elapsed;
    }
}
