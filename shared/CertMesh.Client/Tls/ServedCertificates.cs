using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Client.Tls;

/// <summary><see cref="ICertMeshCertificates"/> from the slots Kestrel reads.</summary>
internal sealed class ServedCertificates(CertificateSlots slots) : ICertMeshCertificates
{
    public X509Certificate2? GetCertificate(string name) => slots.Get(name).Current?.PublicCertificate;
}
