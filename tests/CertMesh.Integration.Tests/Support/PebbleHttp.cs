using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Integration.Tests.Support;

/// <summary>An HttpClient for Pebble's management port, trusting only the local CA that signed Pebble's TLS certificate.</summary>
internal static class PebbleHttp
{
    public static HttpClient Create(TimeSpan? timeout = null)
    {
        var pebbleCa = X509CertificateLoader.LoadCertificateFromFile(TestEnvironment.PebbleCaFile);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(pebbleCa);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        return new HttpClient(handler) { BaseAddress = TestEnvironment.PebbleManagement, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }
}
