using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki.Tests.Support;

/// <summary>A fixed clock and small builders for CAs and leaves, so signing tests read as one line each.</summary>
internal static class TestPki
{
    /// <summary>The tests' "now": fixed, whole seconds, so validity times compare exactly.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static CertificateTemplate LeafTemplate { get; } = new()
    {
        CommonName = "app.example.com",
        DnsNames = ["app.example.com", "www.example.com"],
        IpAddresses = ["10.0.0.1"],
        Usages = [KeyUsages.DigitalSignature, KeyUsages.KeyEncipherment, KeyUsages.ServerAuth],
    };

    public static X509Certificate2 SelfSignedCa(AsymmetricAlgorithm key, string name = "CertMesh Test CA", TimeSpan? duration = null)
    {
        var template = new CertificateTemplate { CommonName = name, IsCA = true, Duration = duration ?? TimeSpan.FromDays(3650) };
        return CertificateSigner.SelfSign(CsrBuilder.CreatePem(key, template), key, template, Now);
    }

    public static X509Certificate2 Leaf(X509Certificate2 ca, AsymmetricAlgorithm caKey, AsymmetricAlgorithm leafKey, CertificateTemplate? template = null)
    {
        template ??= LeafTemplate;
        return CertificateSigner.SignWithCa(CsrBuilder.CreatePem(leafKey, template), ca, caKey, template, Now);
    }

    /// <summary>Builds the chain with only <paramref name="root"/> trusted, at <see cref="Now"/> + 1 minute.</summary>
    public static (bool Valid, string Status) VerifyChain(X509Certificate2 leaf, X509Certificate2 root, params X509Certificate2[] intermediates)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.AddMinutes(1).UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        bool valid = chain.Build(leaf);
        return (valid, string.Join("; ", chain.ChainStatus.Select(s => $"{s.Status}: {s.StatusInformation}")));
    }

    /// <summary>openssl's -attime argument for <see cref="Now"/> + 1 minute.</summary>
    public static string OpenSslAtTime => Now.AddMinutes(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
