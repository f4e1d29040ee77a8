using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Client;

/// <summary>The certificates the client serves right now, to show or log (serial, expiry); public parts only.</summary>
public interface ICertMeshCertificates
{
    /// <summary>The leaf served for certificate <paramref name="name"/> at this moment (without its private key),
    /// or null before the first revision.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="name"/> is not declared.</exception>
    X509Certificate2? GetCertificate(string name);
}
