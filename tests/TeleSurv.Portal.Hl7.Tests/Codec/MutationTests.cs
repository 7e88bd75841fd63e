using TeleSurv.Portal.Hl7.Tests.Support;

namespace TeleSurv.Portal.Hl7.Tests.Codec;

/// <summary>
/// Thousands of damaged messages from a fixed seed: whatever the bytes, parsing, reading values and acknowledging
/// must neither throw nor hang.
/// </summary>
public sealed class MutationTests
{
    private const int Seed = 20250314;
    private const int Mutations = 6000;
    private static readonly byte[] Interesting = "|^~\\&#\r\n\"\u000b\u001c0AZ \u00e9\u00ff"u8.ToArray();

    [Fact]
    public void Mutated_messages_never_throw_nor_hang()
    {
        var corpus = TestFiles.GoldenFileNames().Select(TestFiles.Golden).ToArray();
        var paths = new[] { "MSH-9.2", "MSH-10", "PID-3[2].4.2", "PID-5.1", "PV1-19", "ZBE-4", "OBX[2]-5", "NTE-3", "MRG-1.1", "ZZZ[3]-99[9].9.9" };

        var checkedCount = TimeLimit.Run(
            () =>
            {
                var random = new Random(Seed);
                var builder = new Hl7AckBuilder(new Hl7AckOptions { ControlIdFactory = () => "ACK1" });
                var count = 0;
                for (var i = 0; i < Mutations; i++)
                {
                    var bytes = Mutate(corpus[random.Next(corpus.Length)], random);
                    var message = Hl7Message.Parse(bytes);
                    foreach (var path in paths)
                    {
                        var value = message.Get(path);
                        _ = value.Text;
                        _ = value.State;
                        _ = value.ComponentCount + value.RepetitionCount + value.SubcomponentCount;
                    }

                    foreach (var segment in message.Segments)
                    {
                        for (var field = 1; field <= Math.Min(segment.FieldCount, 40); field++)
                        {
                            _ = segment.Get(field, 1, 1, 1).Text;
                        }
                    }

                    _ = message.ToString();
                    var ack = builder.BuildForParse(message);
                    Assert.True(Hl7ReceivedAck.Read(ack.ToBytes()).IsReadable, $"Mutation {i}: the acknowledgement cannot be read back.");
                    count++;
                }

                return count;
            },
            TimeSpan.FromMinutes(2),
            $"{Mutations} mutated messages");

        Assert.Equal(Mutations, checkedCount);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    bytes.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at));
                    break;
                case 4:
                    var length = Math.Min(random.Next(1, 200), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                case 5:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.InsertRange(at, "\\X\\\\.sp 99999\\\\C\\\\"u8.ToArray());
                    break;
            }
        }

        return [.. bytes];
    }
}
