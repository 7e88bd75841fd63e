using BenchmarkDotNet.Attributes;
using TeleSurv.Portal.Hl7;

namespace TeleSurv.Portal.Benchmarks.Hl7;

/// <summary>
/// Parse rate of the ER7 codec on one thread: the typical 1.7 KB ADT^A01 alone, and every golden message in turn
/// (one operation = one message, so ops/s is messages per second).
/// </summary>
[MemoryDiagnoser]
public class Hl7ParseBenchmarks
{
    private const int CorpusSize = 23;

    private byte[] _admission = [];
    private byte[][] _corpus = [];
    private Hl7Message _parsedAdmission = null!;
    private readonly Hl7AckBuilder _ackBuilder = new(new Hl7AckOptions { ControlIdFactory = () => "ACK0001" });

    [GlobalSetup]
    public void Setup()
    {
        _admission = Hl7Corpus.Load("ADT_A01.hl7");
        _corpus = Hl7Corpus.LoadAll();
        _parsedAdmission = Hl7Message.Parse(_admission);
        if (_parsedAdmission.HasErrors || _corpus.Length != CorpusSize)
        {
            throw new InvalidOperationException(
                $"The corpus in {Hl7Corpus.Folder} must hold {CorpusSize} messages that parse cleanly (OperationsPerInvoke counts them).");
        }
    }

    /// <summary>Bytes to an indexed message: character set from MSH-18, decoding, segments and fields, checks.</summary>
    [Benchmark(Baseline = true)]
    public Hl7Message ParseAdmission() => Hl7Message.Parse(_admission);

    /// <summary>What ingestion does: parse, then read the identities, the movement and the header.</summary>
    [Benchmark]
    public int ParseAdmissionAndReadTwelveValues()
    {
        var message = Hl7Message.Parse(_admission);
        return message.ControlId.Length + message.TriggerEvent.Length
            + message.Get("PID-3[1].1").Text.Length + message.Get("PID-3[1].4.2").Text.Length
            + message.Get("PID-3[2].1").Text.Length + message.Get("PID-3[2].5").Text.Length
            + message.Get("PID-5.1").Text.Length + message.Get("PID-7").Text.Length
            + message.Get("PID-32").Text.Length + message.Get("PV1-19.1").Text.Length
            + message.Get("ZBE-1.1").Text.Length + message.Get("ZBE-4").Text.Length;
    }

    /// <summary>Every golden message (23 trigger events, 0.5 to 1.7 KB) parsed once per operation.</summary>
    [Benchmark(OperationsPerInvoke = CorpusSize)]
    public int ParseCorpus()
    {
        var segments = 0;
        foreach (var bytes in _corpus)
        {
            segments += Hl7Message.Parse(bytes).SegmentCount;
        }

        return segments;
    }

    /// <summary>The AA of the admission, to bytes.</summary>
    [Benchmark]
    public byte[] BuildAcknowledgement() => _ackBuilder.Build(_parsedAdmission, Hl7AckOutcome.Accepted).ToBytes();
}
