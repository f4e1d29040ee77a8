using System.Net.Security;
using CertMesh.Client.Tls;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

// In the namespace of the types it extends, so the two lines of Program.cs need no using.
namespace Microsoft.AspNetCore.Hosting;

/// <summary>Kestrel serves a CertMesh certificate and swaps to each new revision without a restart.</summary>
public static class CertMeshKestrelExtensions
{
    /// <summary>
    /// Every HTTPS endpoint of this host (from <c>ASPNETCORE_URLS</c>, <c>Urls</c>, <c>Kestrel:Endpoints</c> without a
    /// certificate of their own, or <c>ListenOptions.UseHttps()</c>) serves certificate <paramref name="certificate"/>
    /// declared with <c>AddCertMesh</c>. Each handshake takes the revision current at that moment, so a renewal needs
    /// no restart and fails no connection.
    /// </summary>
    public static IWebHostBuilder UseCertMeshHttps(this IWebHostBuilder builder, string certificate)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificate);
        return builder.ConfigureKestrel(kestrel =>
        {
            var services = kestrel.ApplicationServices;
            kestrel.ConfigureHttpsDefaults(https => Serve(https, Slots(services).Get(certificate)));
        });
    }

    /// <summary>This endpoint serves certificate <paramref name="certificate"/> declared with <c>AddCertMesh</c>
    /// (through a TLS handshake callback returning the current revision's prepared context).</summary>
    public static ListenOptions UseCertMeshHttps(this ListenOptions listenOptions, string certificate)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificate);
        var slot = Slots(listenOptions.ApplicationServices).Get(certificate);
        return listenOptions.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = context => ValueTask.FromResult(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = Current(slot),
            }),
        });
    }

    static CertificateSlots Slots(IServiceProvider services) => services.GetService<CertificateSlots>()
        ?? throw new InvalidOperationException("UseCertMeshHttps needs builder.Services.AddCertMesh(builder.Configuration) first");

    static void Serve(HttpsConnectionAdapterOptions https, CertificateSlot slot)
    {
        // Kestrel wants a certificate or a selector to accept the endpoint; the selector is that, and the context set
        // in OnAuthenticate is what the handshake really uses: the chain prepared once per revision, not rebuilt (and
        // looked up in the system stores) per handshake as a bare certificate would be.
        https.ServerCertificateSelector = (_, _) => Current(slot).TargetCertificate;
        var previous = https.OnAuthenticate;
        https.OnAuthenticate = (connection, options) =>
        {
            previous?.Invoke(connection, options);
            options.ServerCertificate = null;
            options.ServerCertificateSelectionCallback = null;
            options.ServerCertificateContext = Current(slot);
        };
    }

    // Start-up waits for the first certificate before Kestrel listens, so an empty slot here is a misconfiguration.
    static SslStreamCertificateContext Current(CertificateSlot slot) => slot.Current?.Context
        ?? throw new InvalidOperationException($"CertMesh certificate \"{slot.Key}\" has not been issued yet");
}
