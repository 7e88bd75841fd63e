using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TeleSurv.Portal.Hl7.Mllp;
using TeleSurv.Portal.Hl7.Tests.Support;

namespace TeleSurv.Portal.Hl7.Tests.Mllp;

public sealed class MllpClientTests : IAsyncDisposable
{
    private MllpServer? _server;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private IPEndPoint Start(RecordingHandler handler, X509Certificate2? certificate = null)
    {
        _server = new MllpServer(new MllpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerCertificate = certificate }, handler);
        _server.Start();
        return _server.LocalEndPoint;
    }

    [Fact]
    public async Task Sends_messages_one_after_another_on_one_connection()
    {
        var handler = new RecordingHandler();
        var endPoint = Start(handler);
        await using var client = new MllpClient(new MllpClientOptions { Host = "127.0.0.1", Port = endPoint.Port });

        var first = Hl7ReceivedAck.Read(await client.SendAsync(Messages.Adt("C1")));
        var second = Hl7ReceivedAck.Read(await client.SendAsync(Messages.Adt("C2")));

        Assert.True(first.IsAccepted);
        Assert.True(first.Acknowledges("C1"));
        Assert.True(second.Acknowledges("C2"));
        Assert.Single(handler.Received.Select(m => m.ConnectionId).Distinct());
    }

    [Fact]
    public async Task No_ack_within_the_timeout_fails_and_drops_the_connection()
    {
        var endPoint = Start(new RecordingHandler(async (message, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return RecordingHandler.Accept(message);
        }));
        await using var client = new MllpClient(new MllpClientOptions { Host = "127.0.0.1", Port = endPoint.Port, AckTimeout = TimeSpan.FromMilliseconds(200) });

        var error = await Assert.ThrowsAsync<MllpException>(() => client.SendAsync(Messages.Adt("T1")));

        Assert.Equal(MllpFailure.AckTimeout, error.Failure);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task A_peer_closing_without_ack_is_reported()
    {
        var endPoint = Start(new RecordingHandler((_, _) => throw new InvalidOperationException("store failed")));
        await using var client = new MllpClient(new MllpClientOptions { Host = "127.0.0.1", Port = endPoint.Port });

        var error = await Assert.ThrowsAsync<MllpException>(() => client.SendAsync(Messages.Adt("K1")));

        Assert.True(error.Failure is MllpFailure.ConnectionClosed or MllpFailure.TransportError, error.Failure.ToString());
    }

    [Fact]
    public async Task A_closed_port_is_a_connect_failure()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var client = new MllpClient(new MllpClientOptions { Host = "127.0.0.1", Port = port });

        var error = await Assert.ThrowsAsync<MllpException>(() => client.SendAsync(Messages.Adt("F1")));

        Assert.Equal(MllpFailure.ConnectFailed, error.Failure);
    }

    [Fact]
    public async Task Exchanges_over_tls_with_a_self_signed_certificate()
    {
        using var certificate = SelfSigned("mllp.test");
        var handler = new RecordingHandler();
        var endPoint = Start(handler, certificate);
        await using var client = new MllpClient(new MllpClientOptions
        {
            Host = "127.0.0.1",
            Port = endPoint.Port,
            UseTls = true,
            TlsTargetHost = "mllp.test",
            ServerCertificateValidation = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString(),
        });

        var ack = Hl7ReceivedAck.Read(await client.SendAsync(Messages.Adt("TLS1")));

        Assert.True(ack.IsAccepted);
        Assert.True(Assert.Single(handler.Received).IsTls);
    }

    [Fact]
    public async Task A_certificate_the_client_does_not_trust_fails_the_handshake()
    {
        using var certificate = SelfSigned("mllp.test");
        var endPoint = Start(new RecordingHandler(), certificate);
        await using var client = new MllpClient(new MllpClientOptions { Host = "127.0.0.1", Port = endPoint.Port, UseTls = true, TlsTargetHost = "mllp.test" });

        var error = await Assert.ThrowsAsync<MllpException>(() => client.SendAsync(Messages.Adt("TLS2")));

        Assert.Equal(MllpFailure.TlsFailed, error.Failure);
    }

    [Fact]
    public void Bad_options_are_refused_with_the_option_named()
    {
        Assert.Contains("Host", Assert.Throws<ArgumentException>(() => new MllpClient(new MllpClientOptions { Host = " ", Port = 1 })).Message, StringComparison.Ordinal);
        Assert.Contains("Port", Assert.Throws<ArgumentException>(() => new MllpClient(new MllpClientOptions { Host = "h", Port = 0 })).Message, StringComparison.Ordinal);
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }
}
