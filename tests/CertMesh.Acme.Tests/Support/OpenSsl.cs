using System.Diagnostics;
using CertMesh.Acme.Certificates;

namespace CertMesh.Acme.Tests.Support;

/// <summary>Shells out to <c>openssl verify</c>: an independent judge of the chains Pebble hands out.</summary>
internal static class OpenSsl
{
    /// <summary>Verifies the chain's leaf against <paramref name="rootPem"/>, with the chain's other certificates as untrusted intermediates.</summary>
    public static async Task<(int ExitCode, string Output)> VerifyAsync(AcmeCertificateChain chain, string rootPem)
    {
        string dir = System.IO.Directory.CreateTempSubdirectory("certmesh-acme-").FullName;
        try
        {
            var certificates = chain.ParseCertificates();
            string leaf = Path.Combine(dir, "leaf.pem");
            string intermediates = Path.Combine(dir, "intermediates.pem");
            string root = Path.Combine(dir, "root.pem");
            await File.WriteAllTextAsync(leaf, certificates[0].ExportCertificatePem() + "\n");
            await File.WriteAllTextAsync(intermediates, string.Join("\n", certificates.Skip(1).Select(c => c.ExportCertificatePem())) + "\n");
            await File.WriteAllTextAsync(root, rootPem);
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }

            var start = new ProcessStartInfo("openssl")
            {
                ArgumentList = { "verify", "-CAfile", root, "-untrusted", intermediates, leaf },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }
}
