using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Hl7;
using TeleSurv.Portal.Hl7.Mllp;

namespace TeleSurv.Portal.Infrastructure.Oru;

/// <summary>
/// The EAI over MLLP (<see cref="MllpClient"/>): one connection kept open between messages, with the connect and
/// acknowledgement timeouts and the optional TLS of <see cref="OruOptions"/>. Used by the sender alone, one
/// message at a time.
/// </summary>
public sealed class MllpOruChannel(IOptions<OruOptions> options, ILogger<MllpClient> logger) : IOruChannel, IAsyncDisposable
{
    private MllpClient? _client;

    public async Task<OruAcknowledgement> SendAsync(OruOutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Hl7CharacterSets.TryParseMsh18(message.CharacterSet, out var characterSet))
        {
            throw new OruChannelException($"MSH-18 '{message.CharacterSet}' is not a character set the portal writes.");
        }

        byte[] bytes;
        try
        {
            bytes = Hl7CharacterSets.Encode(message.Message, characterSet);
        }
        catch (Hl7EncodingException exception)
        {
            throw new OruChannelException($"The message cannot be written in {message.CharacterSet}: {exception.Message}", exception);
        }

        byte[] answer;
        try
        {
            _client ??= new MllpClient(ClientOptions(options.Value), logger);
            answer = await _client.SendAsync(bytes, cancellationToken);
        }
        catch (MllpException exception)
        {
            throw new OruChannelException(exception.Message, exception);
        }

        var ack = Hl7ReceivedAck.Read(answer);
        var raw = ack.Message.ToString();
        if (!ack.IsReadable)
        {
            throw new OruChannelException($"The EAI answered something that is not an acknowledgement: {ack.Problem} ({Shorten(raw)})");
        }

        var text = ack.ErrorText;
        return new OruAcknowledgement(ack.CodeText, text.Length == 0 ? null : text, ack.ControlId, raw);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }

    internal static MllpClientOptions ClientOptions(OruOptions settings) => new()
    {
        Host = settings.EaiHost,
        Port = settings.EaiPort,
        ConnectTimeout = settings.ConnectTimeout,
        AckTimeout = settings.AckTimeout,
        UseTls = settings.UseTls,
        TlsTargetHost = settings.TlsServerName.Length > 0 ? settings.TlsServerName : null,
    };

    private static string Shorten(string text) => text.Length <= 200 ? text.Replace('\r', ' ') : text[..200].Replace('\r', ' ') + "…";
}
