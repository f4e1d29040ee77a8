using System.Security.Cryptography.X509Certificates;
using CertMesh.Acme.Accounts;
using CertMesh.Acme.Certificates;
using CertMesh.Acme.Jws;
using CertMesh.Acme.Problems;
using CertMesh.Acme.Tests.Support;

namespace CertMesh.Acme.Tests.Integration;

/// <summary>Against the test-owned Pebble that requires EAB and serves two alternate roots.</summary>
[Collection(EabPebbleCollection.Name)]
public sealed class EabAndAlternateChainTests(EabPebbleFixture eabPebble, PebbleFixture pebble)
{
    [Fact]
    public async Task GetDirectoryAsync_EabPebble_SaysExternalAccountRequired()
    {
        using AccountKey key = AccountKey.Create();

        Assert.True((await new AcmeClient(eabPebble.Http, eabPebble.Directory, key).GetDirectoryAsync()).Meta?.ExternalAccountRequired);
    }

    [Fact]
    public async Task CreateAccountAsync_EabRequiredButMissing_ThrowsExternalAccountRequired()
    {
        using AccountKey key = AccountKey.Create();
        var client = new AcmeClient(eabPebble.Http, eabPebble.Directory, key);

        var ex = await Assert.ThrowsAsync<AcmeProblemException>(() => client.CreateAccountAsync(new NewAccountRequest { TermsOfServiceAgreed = true }));

        Assert.Equal(AcmeProblemTypes.ExternalAccountRequired, ex.Type);
    }

    [Theory]
    [InlineData(AccountKeyType.ES256)]
    [InlineData(AccountKeyType.RS256)]
    public async Task CreateAccountAsync_EabSupplied_RegistersAccount(AccountKeyType type)
    {
        using AccountKey key = AccountKey.Create(type);
        var client = new AcmeClient(eabPebble.Http, eabPebble.Directory, key);

        AcmeAccount account = await client.CreateAccountAsync(new NewAccountRequest
        {
            TermsOfServiceAgreed = true,
            ExternalAccountBinding = ExternalAccountBinding.FromBase64Url(EabPebbleFixture.EabKeyId, EabPebbleFixture.EabMacKey),
        });

        Assert.Equal("valid", account.Status);
        Assert.NotNull(await new AcmeClient(eabPebble.Http, eabPebble.Directory, key).FindAccountAsync());
    }

    [Fact]
    public async Task CreateAccountAsync_WrongMacKey_ThrowsWithoutRevealingTheKey()
    {
        using AccountKey key = AccountKey.Create();
        var client = new AcmeClient(eabPebble.Http, eabPebble.Directory, key);
        const string wrongMac = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        var ex = await Assert.ThrowsAsync<AcmeProblemException>(() => client.CreateAccountAsync(new NewAccountRequest
        {
            TermsOfServiceAgreed = true,
            ExternalAccountBinding = ExternalAccountBinding.FromBase64Url(EabPebbleFixture.EabKeyId, wrongMac),
        }));

        Assert.False(string.IsNullOrEmpty(ex.Detail));
        Assert.DoesNotContain(wrongMac, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(EabPebbleFixture.EabMacKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadAllChainsAsync_AlternateRoots_EveryChainVerifiesAndPreferredChainSelects()
    {
        using AccountKey key = AccountKey.Create();
        var client = new AcmeClient(eabPebble.Http, eabPebble.Directory, key);
        await client.CreateAccountAsync(new NewAccountRequest
        {
            TermsOfServiceAgreed = true,
            ExternalAccountBinding = ExternalAccountBinding.FromBase64Url(EabPebbleFixture.EabKeyId, EabPebbleFixture.EabMacKey),
        });
        (var order, _) = await Issuance.IssueWithDns01Async(pebble, client, [PebbleFixture.UniqueName("alt")]);

        IReadOnlyList<AcmeCertificateChain> chains = await client.DownloadAllChainsAsync(order.Certificate!);

        Assert.Equal(1 + EabPebbleFixture.AlternateRoots, chains.Count);
        var rootsByName = new Dictionary<string, string>();
        for (int i = 0; i <= EabPebbleFixture.AlternateRoots; i++)
        {
            string pem = await eabPebble.RootPemAsync(i);
            using X509Certificate2 root = X509Certificate2.CreateFromPem(pem);
            rootsByName[root.GetNameInfo(X509NameType.SimpleName, forIssuer: false)] = pem;
        }

        string[] topIssuers = chains.Select(c => c.TopIssuerCommonName()!).ToArray();
        Assert.Equal(chains.Count, topIssuers.Distinct().Count());
        foreach (AcmeCertificateChain chain in chains)
        {
            (int exitCode, string text) = await OpenSsl.VerifyAsync(chain, rootsByName[chain.TopIssuerCommonName()!]);
            Assert.True(exitCode == 0, text);
        }

        // preferredChain = issuer CN of the top-most certificate picks that chain; unknown names fall back to the default.
        AcmeCertificateChain preferred = await client.DownloadPreferredChainAsync(order.Certificate!, topIssuers[2]);
        Assert.Equal(chains[2].Pem, preferred.Pem);
        Assert.Equal(chains[0].Pem, ChainSelector.Select(chains, "No Such Root").Pem);
    }
}
