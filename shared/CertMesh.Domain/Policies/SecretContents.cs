using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Policies;

/// <summary>
/// A certificate Secret parsed once for the policy checks: the leaf of <c>tls.crt</c>, the key of <c>tls.key</c>,
/// and why either could not be read. Owns the parsed objects, so dispose it.
/// </summary>
public sealed class SecretContents : IDisposable
{
    private SecretContents(IReadOnlyDictionary<string, string> annotations)
    {
        Annotations = annotations;
    }

    public IReadOnlyDictionary<string, string> Annotations { get; }
    public X509Certificate2? Certificate { get; private set; }
    /// <summary>Null when <c>tls.crt</c> was read; otherwise why not (absent, empty, unparsable).</summary>
    public string? CertificateProblem { get; private set; }
    public AsymmetricAlgorithm? PrivateKey { get; private set; }
    public string? PrivateKeyProblem { get; private set; }

    public static SecretContents Parse(Secret secret)
    {
        var contents = new SecretContents(secret.Metadata.Annotations ?? new Dictionary<string, string>());
        try
        {
            contents.Certificate = Read(secret, SecretKeys.TlsCrt, ParseLeaf, out var certificateProblem);
            contents.CertificateProblem = certificateProblem;
            contents.PrivateKey = Read(secret, SecretKeys.TlsKey, ParsePrivateKey, out var keyProblem);
            contents.PrivateKeyProblem = keyProblem;
            return contents;
        }
        catch
        {
            contents.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Certificate?.Dispose();
        PrivateKey?.Dispose();
    }

    private static T? Read<T>(Secret secret, string key, Func<string, T> parse, out string? problem) where T : class
    {
        if (!secret.Data.TryGetValue(key, out var bytes) || bytes.Length == 0)
        {
            problem = $"{key} is missing or empty";
            return null;
        }
        try
        {
            problem = null;
            return parse(Encoding.UTF8.GetString(bytes));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException)
        {
            problem = $"{key} cannot be parsed: {e.Message}";
            return null;
        }
    }

    /// <summary>tls.crt is the leaf followed by its chain; the leaf comes first.</summary>
    private static X509Certificate2 ParseLeaf(string pem)
    {
        var fields = PemEncoding.Find(pem);
        if (pem[fields.Label] is not "CERTIFICATE")
        {
            throw new CryptographicException($"expected a CERTIFICATE PEM block, found {pem[fields.Label]}");
        }
        return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(pem[fields.Base64Data]));
    }

    /// <summary>PKCS#1 ("RSA PRIVATE KEY"), SEC 1 ("EC PRIVATE KEY") or PKCS#8 ("PRIVATE KEY"), the encodings CertMesh writes.</summary>
    private static AsymmetricAlgorithm ParsePrivateKey(string pem)
    {
        var fields = PemEncoding.Find(pem);
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        switch (pem[fields.Label])
        {
            case "RSA PRIVATE KEY":
                return Import(RSA.Create(), k => k.ImportRSAPrivateKey(der, out _));
            case "EC PRIVATE KEY":
                return Import(ECDsa.Create(), k => k.ImportECPrivateKey(der, out _));
            case "PRIVATE KEY":
                try
                {
                    return Import(RSA.Create(), k => k.ImportPkcs8PrivateKey(der, out _));
                }
                catch (CryptographicException)
                {
                    return Import(ECDsa.Create(), k => k.ImportPkcs8PrivateKey(der, out _));
                }
            default:
                throw new CryptographicException($"unsupported private key PEM block {pem[fields.Label]}");
        }
    }

    private static T Import<T>(T key, Action<T> import) where T : AsymmetricAlgorithm
    {
        try
        {
            import(key);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
