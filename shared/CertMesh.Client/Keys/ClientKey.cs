using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Client.Configuration;

namespace CertMesh.Client.Keys;

/// <summary>
/// A private key the application made and keeps (ECDSA or RSA). It is written only to the local store and handed
/// only to Kestrel; what travels is its CSR. Compared with certificates by SubjectPublicKeyInfo.
/// </summary>
internal sealed class ClientKey
{
    ClientKey(AsymmetricAlgorithm algorithm) => Algorithm = algorithm;

    public AsymmetricAlgorithm Algorithm { get; }

    public byte[] SubjectPublicKeyInfo => Algorithm.ExportSubjectPublicKeyInfo();

    public static ClientKey Generate(string algorithm, int size) => KeyAlgorithms.IsRsa(algorithm)
        ? new ClientKey(RSA.Create(size))
        : new ClientKey(ECDsa.Create(size switch
        {
            384 => ECCurve.NamedCurves.nistP384,
            521 => ECCurve.NamedCurves.nistP521,
            _ => ECCurve.NamedCurves.nistP256,
        }));

    /// <summary>Reads a PKCS#8 PEM key (<c>PRIVATE KEY</c>) of either algorithm.</summary>
    public static ClientKey FromPkcs8Pem(string pem)
    {
        var der = PemEncoding.Find(pem) is var fields && pem[fields.Label] == "PRIVATE KEY"
            ? Convert.FromBase64String(pem[fields.Base64Data])
            : throw new CryptographicException("not a PKCS#8 PRIVATE KEY PEM");
        ECDsa ec = ECDsa.Create();
        try
        {
            ec.ImportPkcs8PrivateKey(der, out _);
            return new ClientKey(ec);
        }
        catch (CryptographicException)
        {
            ec.Dispose();
        }
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(der, out _);
        return new ClientKey(rsa);
    }

    public string ToPkcs8Pem() => Algorithm.ExportPkcs8PrivateKeyPem();

    public bool Matches(X509Certificate2 certificate) =>
        certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(SubjectPublicKeyInfo);

    /// <summary>The certificate bound to this key, as TLS needs it.</summary>
    public X509Certificate2 Attach(X509Certificate2 certificate) => Algorithm switch
    {
        ECDsa ec => certificate.CopyWithPrivateKey(ec),
        RSA rsa => certificate.CopyWithPrivateKey(rsa),
        _ => throw new NotSupportedException(Algorithm.GetType().Name),
    };
}
