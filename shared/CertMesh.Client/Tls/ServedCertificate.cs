using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Client.Keys;

namespace CertMesh.Client.Tls;

/// <summary>
/// One revision as TLS serves it: the leaf bound to its key and an <see cref="SslStreamCertificateContext"/> holding
/// the chain to send, built once per revision (not per handshake). Never disposed on a swap: handshakes already under
/// way may still hold it, and the GC frees it when they are done.
/// </summary>
internal sealed class ServedCertificate
{
    ServedCertificate(X509Certificate2 certificate, SslStreamCertificateContext context)
    {
        Certificate = certificate;
        Context = context;
        PublicCertificate = X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    /// <summary>The leaf without its key: what the application may see and show.</summary>
    public X509Certificate2 PublicCertificate { get; }

    /// <summary>The leaf, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public SslStreamCertificateContext Context { get; }

    public string SerialNumber => Certificate.SerialNumber;

    public DateTimeOffset NotBefore => new(Certificate.NotBefore.ToUniversalTime());

    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime());

    /// <param name="chain">Leaf first, then its chain, as CertMesh issues it.</param>
    /// <param name="key">The leaf's key (the caller checked that it matches).</param>
    public static ServedCertificate Create(X509Certificate2Collection chain, ClientKey key)
    {
        var leaf = key.Attach(chain[0]);
        // Intermediates only: a self-signed root is the client's to trust, sending it only costs bytes.
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain.Skip(1))
        {
            if (certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData) is false)
            {
                intermediates.Add(certificate);
            }
        }
        // offline: the chain is what CertMesh sent; never fetch AIA or CRLs on the server's start-up path.
        return new ServedCertificate(leaf, SslStreamCertificateContext.Create(leaf, intermediates, offline: true));
    }
}
