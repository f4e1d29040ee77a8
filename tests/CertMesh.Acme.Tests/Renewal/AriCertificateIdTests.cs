using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Acme.Renewal;

namespace CertMesh.Acme.Tests.Renewal;

public sealed class AriCertificateIdTests
{
    // RFC 9773 section 4.1 / appendix A: keyIdentifier 69:88:5B:…:C8:D4, serial 00:87:65:43:21.
    private const string Expected = "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE";

    private const string Rfc9773Certificate = """
        -----BEGIN CERTIFICATE-----
        MIIBQzCB66ADAgECAgUAh2VDITAKBggqhkjOPQQDAjAVMRMwEQYDVQQDEwpFeGFt
        cGxlIENBMCIYDzAwMDEwMTAxMDAwMDAwWhgPMDAwMTAxMDEwMDAwMDBaMBYxFDAS
        BgNVBAMTC2V4YW1wbGUuY29tMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEeBZu
        7cbpAYNXZLbbh8rNIzuOoqOOtmxA1v7cRm//AwyMwWxyHz4zfwmBhcSrf47NUAFf
        qzLQ2PPQxdTXREYEnKMjMCEwHwYDVR0jBBgwFoAUaYhba4dGQEHhs3uEe6CuLN4B
        yNQwCgYIKoZIzj0EAwIDRwAwRAIge09+S5TZAlw5tgtiVvuERV6cT4mfutXIlwTb
        +FYN/8oCIClDsqBklhB9KAelFiYt9+6FDj3z4KGVelYM5MdsO3pK
        -----END CERTIFICATE-----
        """;

    [Fact]
    public void For_Rfc9773ExampleParts_MatchesPublishedIdentifier()
    {
        byte[] aki = Convert.FromHexString("69885B6B87464041E1B37B847BA0AE2CDE01C8D4");
        byte[] serial = Convert.FromHexString("0087654321");

        Assert.Equal(Expected, AriCertificateId.For(aki, serial));
    }

    [Fact]
    public void For_Rfc9773ExampleCertificate_MatchesPublishedIdentifier()
    {
        using X509Certificate2 certificate = X509Certificate2.CreateFromPem(Rfc9773Certificate);

        Assert.Equal(Expected, AriCertificateId.For(certificate));
    }

    [Fact]
    public void For_CertificateWithoutAki_Throws()
    {
        using ECDsa key = ECDsa.Create();
        var request = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));

        ArgumentException ex = Assert.Throws<ArgumentException>(() => AriCertificateId.For(certificate));
        Assert.Contains("authority key identifier", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PickRenewalTime_Window_FallsInsideIt()
    {
        var start = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
        var info = new RenewalInfo { SuggestedWindow = new RenewalWindow(start, start.AddDays(15)) };

        DateTimeOffset pick = info.PickRenewalTime(new Random(7));

        Assert.InRange(pick, start, start.AddDays(15));
    }
}
