using System.Globalization;
using CertMesh.Domain.Validation;

namespace CertMesh.Edge.Certificates;

/// <summary>Settings of route-driven certificates and the HTTP→HTTPS redirect, from environment variables.</summary>
internal sealed record RouteCertificateOptions
{
    public const int DefaultHttpsPort = 5443;

    /// <summary>Where the Edge's Certificates live (CERTMESH_EDGE_NAMESPACE); Issuers named by <c>certmesh.io/issuer</c> are looked up here.</summary>
    public string Namespace { get; init; } = "edge";

    /// <summary>How often owned Certificates are reconciled besides every accepted route reload (CERTMESH_EDGE_RECONCILE_SECONDS).</summary>
    public TimeSpan Reconcile { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The port redirects name (CERTMESH_EDGE_HTTPS_REDIRECT_PORT, else the Edge's HTTPS port
    /// CERTMESH_EDGE_HTTPS_PORT or EDGE_HTTPS_PORT, else 5443); 443 is left out of the URL.</summary>
    public int HttpsRedirectPort { get; init; } = DefaultHttpsPort;

    public static RouteCertificateOptions From(IConfiguration configuration)
    {
        var defaults = new RouteCertificateOptions();
        var @namespace = configuration["CERTMESH_EDGE_NAMESPACE"] is { Length: > 0 } ns ? ns : defaults.Namespace;
        if (KubernetesNames.LabelErrors(@namespace).FirstOrDefault() is { } error)
            throw new InvalidOperationException($"CERTMESH_EDGE_NAMESPACE \"{ValueExcerpt.Short(@namespace)}\": {error}");
        return new RouteCertificateOptions
        {
            Namespace = @namespace,
            Reconcile = double.TryParse(configuration["CERTMESH_EDGE_RECONCILE_SECONDS"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds) : defaults.Reconcile,
            HttpsRedirectPort = Port(configuration, "CERTMESH_EDGE_HTTPS_REDIRECT_PORT")
                ?? Port(configuration, "CERTMESH_EDGE_HTTPS_PORT") ?? Port(configuration, "EDGE_HTTPS_PORT") ?? DefaultHttpsPort,
        };
    }

    static int? Port(IConfiguration configuration, string name) => configuration[name] switch
    {
        null or "" => null,
        var value when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535 => port,
        var value => throw new InvalidOperationException($"{name} \"{ValueExcerpt.Short(value)}\" is not a TCP port (1-65535)"),
    };
}
