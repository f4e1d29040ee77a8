using CertMesh.Contracts;
using CertMesh.Domain.Validation;

namespace CertMesh.Edge.Certificates;

/// <summary>
/// Checks the Certificates a route file asks for before the file replaces the running one, and collects every error,
/// each naming the route, the route field and why: the route's own syntax (<see cref="RouteCertificateMapper"/>),
/// then Trigger's own admission rules (<see cref="CertificateValidator"/>) against the issuer as stored, so an unknown
/// issuer or a wildcard host with an HTTP-01-only issuer is refused at reload instead of failing later on the bus.
/// ClusterIssuer grants are not checked here: Trigger refuses those, and the Edge logs its answer.
/// </summary>
internal sealed class RouteCertificateValidator(IIssuerLookups issuers, RouteCertificateOptions options)
{
    // The first reload runs while the Edge starts: an unreachable database must not hold start-up for long.
    static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<string>> ValidateAsync(IReadOnlyList<RouteInput> routes, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var certificates = new List<RouteCertificate>();
        foreach (var route in routes)
        {
            var mapping = RouteCertificateMapper.Map(route.RouteId, route.Hosts, route.Metadata, options.Namespace);
            errors.AddRange(mapping.Errors.Select(e => $"route '{route.RouteId}': {e}"));
            if (mapping.Certificate is { } certificate)
                certificates.Add(certificate);
        }
        // Names depend on the id alone and differ by construction; a clash would take a SHA-256 prefix collision.
        foreach (var clash in certificates.GroupBy(c => c.Name).Where(g => g.Count() > 1))
            errors.Add($"routes {string.Join(", ", clash.Select(c => $"'{c.RouteId}'"))}: would share the Certificate {options.Namespace}/{clash.Key}; rename one");
        if (certificates.Count == 0)
            return errors;

        IReadOnlyList<IssuerLookup> lookups;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(LookupTimeout);
            lookups = await issuers.FindAsync(options.Namespace, certificates.Select(c => c.Command.Spec.IssuerRef).ToList(), timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            errors.Add($"the issuers routes name could not be looked up ({exception.GetType().Name}: {ValueExcerpt.Short(exception.Message)}); tried again at the next poll");
            return errors;
        }
        for (var i = 0; i < certificates.Count; i++)
        {
            var certificate = certificates[i];
            errors.AddRange(CertificateValidator.Validate(certificate.Command, lookups[i])
                .Select(e => $"route '{certificate.RouteId}': {RouteField(certificate, e.Field)}: {e.Message}"));
        }
        return errors;
    }

    /// <summary>Where in the route file the user fixes what a Certificate field error is about.</summary>
    static string RouteField(RouteCertificate certificate, string field)
    {
        var spec = certificate.Command.Spec;
        if (field.StartsWith("spec.dnsNames[", StringComparison.Ordinal)
            && int.TryParse(field.AsSpan()["spec.dnsNames[".Length..^1], out var index) && index < (spec.DnsNames?.Count ?? 0))
            return $"Match.Hosts \"{spec.DnsNames![index]}\"";
        return field switch
        {
            "spec.issuerRef.name" => $"Metadata.{certificate.IssuerKey}",
            "spec.issuerRef.kind" => $"Metadata.{RouteAnnotations.IssuerKind}",
            "spec.issuerRef.group" => $"Metadata.{RouteAnnotations.IssuerGroup}",
            "spec.dnsNames" => "Match.Hosts",
            "spec.commonName" => $"Metadata.{RouteAnnotations.CommonName}",
            "spec.duration" => $"Metadata.{RouteAnnotations.Duration}",
            "spec.renewBefore" => $"Metadata.{RouteAnnotations.RenewBefore}",
            "spec.privateKey.algorithm" => $"Metadata.{RouteAnnotations.PrivateKeyAlgorithm}",
            "spec.privateKey.size" => $"Metadata.{RouteAnnotations.PrivateKeySize}",
            "spec.privateKey.rotationPolicy" => $"Metadata.{RouteAnnotations.PrivateKeyRotationPolicy}",
            _ => $"Certificate {certificate.Command.Namespace}/{certificate.Name} {field}",
        };
    }
}

/// <summary>The parts of a YARP route this feature reads; kept free of YARP's types so the rules are tested alone.</summary>
internal sealed record RouteInput(string RouteId, IReadOnlyList<string>? Hosts, IReadOnlyDictionary<string, string>? Metadata);
