using System.Globalization;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;

namespace CertMesh.Edge.Certificates;

/// <summary>
/// Turns one route's <c>Match.Hosts</c> and <c>Metadata</c> into the Certificate it asks for (ingress-shim's mapping):
/// the hosts become <c>dnsNames</c>, the issuer annotation the <c>issuerRef</c>, the optional annotations the matching
/// spec fields. Pure: it checks what the route itself says (annotation syntax, host names); whether the issuer exists
/// and everything Trigger's admission checks is <see cref="RouteCertificateValidator"/>'s job.
/// </summary>
internal static class RouteCertificateMapper
{
    public static RouteCertificateMapping Map(string routeId, IReadOnlyList<string>? hosts, IReadOnlyDictionary<string, string>? metadata, string @namespace)
    {
        metadata ??= new Dictionary<string, string>();
        var errors = new List<string>();
        foreach (var key in metadata.Keys.Where(k => k.StartsWith(RouteAnnotations.Prefix, StringComparison.Ordinal) && !RouteAnnotations.Known.Contains(k)))
            errors.Add($"Metadata.{key}: unknown key; known keys are {string.Join(", ", RouteAnnotations.Known.Order(StringComparer.Ordinal))}");
        if (metadata.TryGetValue(RouteAnnotations.HttpsRedirect, out var redirect))
        {
            if (!bool.TryParse(redirect, out var on))
                errors.Add($"Metadata.{RouteAnnotations.HttpsRedirect}: \"{ValueExcerpt.Short(redirect)}\" is not \"true\" or \"false\"");
            else if (on && (hosts is null || hosts.Count == 0))
                errors.Add($"Metadata.{RouteAnnotations.HttpsRedirect}: needs Match.Hosts, so a redirect never goes to a host the client made up");
        }

        var clusterIssuer = Value(metadata, RouteAnnotations.ClusterIssuer);
        var issuer = Value(metadata, RouteAnnotations.Issuer);
        if (clusterIssuer is not null && issuer is not null)
            errors.Add($"Metadata: set {RouteAnnotations.ClusterIssuer} or {RouteAnnotations.Issuer}, not both");
        if (clusterIssuer is null && issuer is null)
        {
            foreach (var key in RouteAnnotations.CertificateSettings.Where(metadata.ContainsKey))
                errors.Add($"Metadata.{key}: has no effect without {RouteAnnotations.ClusterIssuer} or {RouteAnnotations.Issuer}");
            return errors.Count == 0 ? RouteCertificateMapping.None : new RouteCertificateMapping(null, errors);
        }
        if (clusterIssuer is not null)
        {
            foreach (var key in new[] { RouteAnnotations.IssuerKind, RouteAnnotations.IssuerGroup }.Where(metadata.ContainsKey))
                errors.Add($"Metadata.{key}: only applies with {RouteAnnotations.Issuer}; {RouteAnnotations.ClusterIssuer} always means kind ClusterIssuer");
        }

        var dnsNames = DnsNames(hosts, errors);
        int? keySize = null;
        if (Value(metadata, RouteAnnotations.PrivateKeySize) is { } size)
        {
            if (int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                keySize = parsed;
            else
                errors.Add($"Metadata.{RouteAnnotations.PrivateKeySize}: \"{ValueExcerpt.Short(size)}\" is not a whole number");
        }
        if (errors.Count > 0)
            return new RouteCertificateMapping(null, errors);

        var name = CertificateNames.For(routeId);
        var algorithm = Value(metadata, RouteAnnotations.PrivateKeyAlgorithm);
        var rotation = Value(metadata, RouteAnnotations.PrivateKeyRotationPolicy);
        var command = new IssueCertificate
        {
            Namespace = @namespace,
            Name = name,
            Spec = new CertificateSpec
            {
                SecretName = CertificateNames.SecretFor(name),
                IssuerRef = clusterIssuer is not null
                    ? new IssuerReference { Name = clusterIssuer, Kind = ResourceKinds.ClusterIssuer }
                    : new IssuerReference { Name = issuer!, Kind = Value(metadata, RouteAnnotations.IssuerKind) ?? ResourceKinds.Issuer, Group = Value(metadata, RouteAnnotations.IssuerGroup) },
                DnsNames = dnsNames,
                CommonName = Value(metadata, RouteAnnotations.CommonName),
                Duration = Value(metadata, RouteAnnotations.Duration),
                RenewBefore = Value(metadata, RouteAnnotations.RenewBefore),
                PrivateKey = algorithm is null && keySize is null && rotation is null
                    ? null
                    : new CertificatePrivateKey { Algorithm = algorithm, Size = keySize, RotationPolicy = rotation },
            },
            Labels = new Dictionary<string, string> { [RouteAnnotations.OwnerLabel] = CertificateNames.Slug(routeId) },
            Annotations = new Dictionary<string, string> { [RouteAnnotations.RouteIdAnnotation] = routeId },
        };
        return new RouteCertificateMapping(new RouteCertificate(routeId, command, clusterIssuer is not null ? RouteAnnotations.ClusterIssuer : RouteAnnotations.Issuer), []);
    }

    /// <summary>The hosts as certificate names: without a port (YARP allows <c>host:port</c>), lowercase, each once.</summary>
    static List<string> DnsNames(IReadOnlyList<string>? hosts, List<string> errors)
    {
        if (hosts is null || hosts.Count == 0)
        {
            errors.Add("Match.Hosts: a route that names an issuer needs at least one host, the names its certificate is for");
            return [];
        }
        var names = new List<string>();
        foreach (var host in hosts)
        {
            var name = WithoutPort(host ?? "").ToLowerInvariant();
            var problems = DnsNameSyntax.Errors(name);
            if (problems.Count > 0)
                errors.Add($"Match.Hosts \"{ValueExcerpt.Short(host ?? "")}\": {string.Join("; ", problems)}");
            else if (!names.Contains(name))
                names.Add(name);
        }
        return names;
    }

    static string WithoutPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon > 0 && host[(colon + 1)..].All(char.IsAsciiDigit) ? host[..colon] : host;
    }

    static string? Value(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
