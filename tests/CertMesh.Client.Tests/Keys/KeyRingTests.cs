using CertMesh.Client.Configuration;
using CertMesh.Client.Keys;
using CertMesh.Client.Tests.Support;
using CertMesh.Contracts;
using Xunit;

namespace CertMesh.Client.Tests.Keys;

public sealed class KeyRingTests : IDisposable
{
    readonly TempDirectory _directory = new();
    readonly TestCa _ca = new();

    KeyStore Store => new(_directory.Path);

    [Fact]
    public void Open_Twice_SameKeyAndSameCsrBytes()
    {
        var first = KeyRing.Open(Store, Definitions.CheckoutDefinition());

        var second = KeyRing.Open(Store, Definitions.CheckoutDefinition());

        Assert.Equal(first.Current.SubjectPublicKeyInfo, second.Current.SubjectPublicKeyInfo);
        // The same bytes, not an equivalent CSR: ECDSA signatures differ every time, and a different CSR re-issues.
        Assert.Equal(first.CurrentCsr, second.CurrentCsr);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", Store.Read(KeyStore.KeyFile));
    }

    [Fact]
    public void Open_DeclaredNamesChanged_NewCsrFromSameKey()
    {
        var first = KeyRing.Open(Store, Definitions.CheckoutDefinition());
        var changed = Definitions.CheckoutDefinition() with { Spec = Definitions.CheckoutDefinition().Spec with { DnsNames = ["other.example.test"] } };

        var second = KeyRing.Open(Store, changed);

        Assert.Equal(first.Current.SubjectPublicKeyInfo, second.Current.SubjectPublicKeyInfo);
        Assert.NotEqual(first.CurrentCsr, second.CurrentCsr);
    }

    [Fact]
    public void Open_RsaDeclared_RsaKeyOfDeclaredSize()
    {
        var ring = KeyRing.Open(Store, Definitions.CheckoutDefinition(KeyAlgorithms.Rsa));

        var rsa = Assert.IsAssignableFrom<System.Security.Cryptography.RSA>(ring.Current.Algorithm);
        Assert.Equal(2048, rsa.KeySize);
    }

    [Fact]
    public void BeginRotation_Twice_SamePendingKeyAndCsr_KeptAcrossOpen()
    {
        var ring = KeyRing.Open(Store, Definitions.CheckoutDefinition());

        var first = ring.BeginRotation();
        var again = ring.BeginRotation();
        var reopened = KeyRing.Open(Store, Definitions.CheckoutDefinition());

        Assert.Same(first.Key, again.Key);
        Assert.NotEqual(ring.Current.SubjectPublicKeyInfo, first.Key.SubjectPublicKeyInfo);
        Assert.Equal(first.Key.SubjectPublicKeyInfo, reopened.Pending!.SubjectPublicKeyInfo);
        Assert.Equal(first.Csr, reopened.LatestCsr);
    }

    [Fact]
    public void Accept_ChainForPendingKey_PromotesIt_AndReopenAgrees()
    {
        var ring = KeyRing.Open(Store, Definitions.CheckoutDefinition());
        var (pending, csr) = ring.BeginRotation();

        var current = ring.Accept(_ca.Issue(pending, "checkout.example.test", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1)), pending);
        var reopened = KeyRing.Open(Store, Definitions.CheckoutDefinition());

        Assert.Same(pending, current);
        Assert.Null(ring.Pending);
        Assert.Equal(pending.SubjectPublicKeyInfo, reopened.Current.SubjectPublicKeyInfo);
        Assert.Null(reopened.Pending);
        Assert.Equal(csr, reopened.CurrentCsr);
    }

    [Fact]
    public void Open_ChainForPendingStoredButNotPromoted_FinishesPromotion()
    {
        var ring = KeyRing.Open(Store, Definitions.CheckoutDefinition());
        var (pending, csr) = ring.BeginRotation();
        // The process stopped right after writing the chain.
        Store.Write(KeyStore.ChainFile, _ca.Issue(pending, "checkout.example.test", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1)));

        var reopened = KeyRing.Open(Store, Definitions.CheckoutDefinition());

        Assert.Equal(pending.SubjectPublicKeyInfo, reopened.Current.SubjectPublicKeyInfo);
        Assert.Equal(csr, reopened.CurrentCsr);
        Assert.Null(Store.Read(KeyStore.PendingKeyFile));
    }

    [Fact]
    public void Open_StoppedBetweenPromotionRenames_KeepsTheSentCsr()
    {
        var ring = KeyRing.Open(Store, Definitions.CheckoutDefinition());
        var (pending, csr) = ring.BeginRotation();
        // The key was renamed, the CSR not yet.
        Store.Move(KeyStore.PendingKeyFile, KeyStore.KeyFile);

        var reopened = KeyRing.Open(Store, Definitions.CheckoutDefinition());

        Assert.Equal(pending.SubjectPublicKeyInfo, reopened.Current.SubjectPublicKeyInfo);
        Assert.Equal(csr, reopened.CurrentCsr);
        Assert.Null(reopened.Pending);
    }

    public void Dispose() => _directory.Dispose();
}
