using CertMesh.Client.Configuration;
using Microsoft.Extensions.Options;

namespace CertMesh.Client.Tls;

/// <summary>The slot of every declared certificate, by the local name it is declared under.</summary>
internal sealed class CertificateSlots(IOptions<CertMeshOptions> options)
{
    readonly Dictionary<string, CertificateSlot> _slots = options.Value.Certificates.Keys.ToDictionary(k => k, k => new CertificateSlot(k), StringComparer.Ordinal);

    public CertificateSlot Get(string key) => _slots.TryGetValue(key, out var slot)
        ? slot
        : throw new InvalidOperationException(
            $"UseCertMeshHttps(\"{key}\"): no certificate \"{key}\" is declared (CertMesh:Certificates:{key} in configuration, or AddCertMesh(configuration, o => o.Certificates.Add(\"{key}\", ...))); declared: {(_slots.Count == 0 ? "none" : string.Join(", ", _slots.Keys))}");
}
