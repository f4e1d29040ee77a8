using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Acme.Certificates;
using CertMesh.Acme.Challenges;
using CertMesh.Acme.Jws;
using CertMesh.Acme.Orders;
using CertMesh.Acme.Problems;
using CertMesh.Acme.Tests.Support;
using CertMesh.Pki;
using Xunit.Abstractions;

namespace CertMesh.Acme.Tests.Integration;

[Collection(PebbleCollection.Name)]
public sealed class IssuanceTests(PebbleFixture pebble, ITestOutputHelper output)
{
    [Theory]
    [InlineData(AccountKeyType.ES256)]
    [InlineData(AccountKeyType.ES384)]
    [InlineData(AccountKeyType.RS256)]
    public async Task Dns01_TwoNames_IssuesChainThatOpenSslVerifies(AccountKeyType type)
    {
        AcmeClient client = await pebble.NewAccountClientAsync(type);
        string[] names = [PebbleFixture.UniqueName("dns"), PebbleFixture.UniqueName("www")];

        (_, AcmeCertificateChain chain) = await Issuance.IssueWithDns01Async(pebble, client, names);

        IReadOnlyList<X509Certificate2> certificates = chain.ParseCertificates();
        Assert.True(certificates.Count >= 2, "leaf plus at least one intermediate");
        Assert.Equal(names.Order(), Names(certificates[0]).Order());
        (int exitCode, string text) = await OpenSsl.VerifyAsync(chain, await pebble.RootPemAsync());
        Assert.True(exitCode == 0, text);
        Assert.Contains(": OK", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http01_DnsAndIpIdentifiers_IssuesChainThatOpenSslVerifies()
    {
        AcmeClient client = await pebble.NewAccountClientAsync();
        var tokens = new ConcurrentDictionary<string, string>();
        await using var server = new TinyHttpServer(pebble.Http01Port, (_, path) =>
            path.StartsWith("/.well-known/acme-challenge/", StringComparison.Ordinal) && tokens.TryGetValue(path[28..], out string? body)
                ? new TinyResponse(200, body)
                : TinyResponse.NotFound);
        string name = PebbleFixture.UniqueName("http");
        AcmeOrder order = await client.NewOrderAsync(new NewOrderRequest { Identifiers = [AcmeIdentifier.Dns(name), AcmeIdentifier.Ip("127.0.0.1")] });

        foreach (AcmeAuthorization authorization in await client.GetAuthorizationsAsync(order))
        {
            AcmeChallenge challenge = authorization.Challenge(ChallengeTypes.Http01)!;
            tokens[challenge.Token] = client.KeyAuthorizationFor(challenge);
            await client.RespondToChallengeAsync(challenge);
            Assert.Equal(AcmeStatus.Valid, (await client.WaitForAuthorizationAsync(authorization.Location)).Status);
        }

        (_, AcmeCertificateChain chain) = await Issuance.FinalizeAsync(client, order, new CertificateTemplate { DnsNames = [name], IpAddresses = ["127.0.0.1"] });

        (int exitCode, string text) = await OpenSsl.VerifyAsync(chain, await pebble.RootPemAsync());
        Assert.True(exitCode == 0, text);
        using X509Certificate2 leaf = chain.ParseCertificates()[0];
        Assert.Contains("127.0.0.1", leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses().Select(ip => ip.ToString()));
    }

    [Fact]
    public async Task Dns01_WrongTxtValue_ThrowsTypedProblemWithPebbleDetail()
    {
        AcmeClient client = await pebble.NewAccountClientAsync();
        string name = PebbleFixture.UniqueName("bad");
        AcmeOrder order = await client.NewOrderAsync(new NewOrderRequest { Identifiers = [AcmeIdentifier.Dns(name)] });
        AcmeAuthorization authorization = (await client.GetAuthorizationsAsync(order)).Single();
        string record = KeyAuthorization.Dns01RecordName(name);
        await pebble.SetTxtAsync(record, "not-the-key-authorization-digest");
        try
        {
            await client.RespondToChallengeAsync(authorization.Challenge(ChallengeTypes.Dns01)!);

            var ex = await Assert.ThrowsAsync<AcmeProblemException>(() => client.WaitForAuthorizationAsync(authorization.Location));

            output.WriteLine(ex.Message);
            Assert.Equal(AcmeProblemTypes.Unauthorized, ex.Type);
            // Pebble's own wording (va.go), carried through unchanged.
            Assert.Contains("Correct value not found for DNS challenge", ex.Detail!, StringComparison.Ordinal);
            var order2 = await Assert.ThrowsAsync<AcmeProblemException>(() => client.WaitForOrderAsync(order.Location));
            Assert.NotNull(order2.Problem);
        }
        finally
        {
            await pebble.ClearTxtAsync(record);
        }
    }

    [Fact]
    public async Task RevokeCertificateAsync_IssuedCertificate_SecondRevocationIsAlreadyRevoked()
    {
        AcmeClient client = await pebble.NewAccountClientAsync();
        (_, AcmeCertificateChain chain) = await Issuance.IssueWithDns01Async(pebble, client, [PebbleFixture.UniqueName("revoke")]);
        using X509Certificate2 leaf = chain.ParseCertificates()[0];

        await client.RevokeCertificateAsync(leaf.RawData, RevocationReason.Superseded);

        var ex = await Assert.ThrowsAsync<AcmeProblemException>(() => client.RevokeCertificateAsync(leaf.RawData));
        Assert.Equal(AcmeProblemTypes.AlreadyRevoked, ex.Type);
    }

    [Fact]
    public async Task RevokeCertificateWithKeyAsync_CertificateKeyWithoutAccount_Revokes()
    {
        AcmeClient client = await pebble.NewAccountClientAsync();
        using var certificateKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        (_, AcmeCertificateChain chain) = await Issuance.IssueWithDns01Async(pebble, client, [PebbleFixture.UniqueName("keyrevoke")], certificateKey: certificateKey);
        using X509Certificate2 leaf = chain.ParseCertificates()[0];
        // A client for a different, unrelated account: only the certificate key authorizes this revocation.
        AcmeClient stranger = await pebble.NewAccountClientAsync();
        using AccountKey signer = AccountKey.FromPem(certificateKey.ExportPkcs8PrivateKeyPem());

        await stranger.RevokeCertificateWithKeyAsync(leaf.RawData, signer, RevocationReason.KeyCompromise);

        var ex = await Assert.ThrowsAsync<AcmeProblemException>(() => client.RevokeCertificateAsync(leaf.RawData));
        Assert.Equal(AcmeProblemTypes.AlreadyRevoked, ex.Type);
    }

    [Fact]
    public async Task NewOrderAsync_NotBeforeAndNotAfter_AreHonouredByPebble()
    {
        AcmeClient client = await pebble.NewAccountClientAsync();
        string name = PebbleFixture.UniqueName("window");
        DateTimeOffset notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        DateTimeOffset notAfter = notBefore.AddDays(3);
        var request = new NewOrderRequest { Identifiers = [AcmeIdentifier.Dns(name)], NotBefore = notBefore, NotAfter = notAfter };

        (AcmeOrder order, AcmeCertificateChain chain) = await Issuance.IssueWithDns01Async(pebble, client, [name], request: request);

        using X509Certificate2 leaf = chain.ParseCertificates()[0];
        Assert.InRange(leaf.NotAfter.ToUniversalTime(), notAfter.UtcDateTime.AddSeconds(-2), notAfter.UtcDateTime.AddSeconds(2));
        Assert.NotNull(order.NotAfter);
    }

    [Fact]
    public async Task DeactivateAuthorizationAsync_PendingAuthorization_BecomesDeactivated()
    {
        AcmeClient client = await pebble.NewAccountClientAsync();
        AcmeOrder order = await client.NewOrderAsync(new NewOrderRequest { Identifiers = [AcmeIdentifier.Dns(PebbleFixture.UniqueName("deact"))] });

        AcmeAuthorization authorization = await client.DeactivateAuthorizationAsync(order.Authorizations[0]);

        Assert.Equal(AcmeStatus.Deactivated, authorization.Status);
        Assert.Equal(AcmeStatus.Deactivated, (await client.GetAuthorizationAsync(order.Authorizations[0])).Status);
    }

    [Fact]
    public async Task DownloadPreferredChainAsync_UnknownPreferredChain_FallsBackToDefaultChain()
    {
        AcmeClient client = await pebble.NewAccountClientAsync();
        (AcmeOrder order, AcmeCertificateChain chain) = await Issuance.IssueWithDns01Async(pebble, client, [PebbleFixture.UniqueName("chain")]);

        IReadOnlyList<AcmeCertificateChain> chains = await client.DownloadAllChainsAsync(order.Certificate!);
        AcmeCertificateChain preferred = await client.DownloadPreferredChainAsync(order.Certificate!, "No Such Root");

        Assert.Equal(chain.Pem, chains[0].Pem);
        Assert.Equal(chain.Pem, preferred.Pem);
        // The default chain's top issuer is Pebble's root, so asking for it by name selects the same chain.
        Assert.StartsWith("Pebble Root CA", chain.TopIssuerCommonName(), StringComparison.Ordinal);
        Assert.Equal(chain.Pem, ChainSelector.Select(chains, chain.TopIssuerCommonName()).Pem);
    }

    [Fact]
    public async Task ConcurrentOrders_FiftyThroughOneClient_AllIssue()
    {
        AcmeClient client = await pebble.NewAccountClientAsync();
        var stopwatch = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Issuance.IssueWithDns01Async(pebble, client, [PebbleFixture.UniqueName($"c{i}")])));

        output.WriteLine($"50 concurrent orders issued in {stopwatch.Elapsed.TotalSeconds:F1} s, {client.BadNonceRetries} badNonce retries");
        Assert.Equal(50, results.Select(r => r.Order.Certificate).Distinct().Count());
        Assert.All(results, r => Assert.Equal(AcmeStatus.Valid, r.Order.Status));
    }

    private static IEnumerable<string> Names(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames();
}
