using System.Net;
using CertMesh.Contracts;

namespace CertMesh.Client.Configuration;

/// <summary>
/// The checks of one declared certificate: names, required spec fields, SAN syntax, key settings. Each error starts
/// with the configuration path (and says the cert-manager field where it differs), e.g.
/// <c>CertMesh:Certificates:checkout:Spec:DnsNames:1 (spec.dnsNames[1]): "a..b" is not a valid DNS name</c>.
/// </summary>
internal static class CertificateOptionsRules
{
    public static void Validate(string path, string key, CertMeshCertificateOptions certificate, List<string> errors)
    {
        if (string.IsNullOrEmpty(certificate.Namespace))
        {
            errors.Add($"{path}:Namespace: required (the CertMesh namespace the application's user may edit)");
        }
        else if (!NameSyntax.IsLabel(certificate.Namespace))
        {
            errors.Add($"{path}:Namespace: {NameSyntax.Quote(certificate.Namespace)} is not a valid namespace (lower-case letters, digits and '-', at most 63, as in Kubernetes)");
        }
        var name = certificate.Name ?? key;
        if (!NameSyntax.IsSubdomain(name))
        {
            errors.Add($"{path}:Name (metadata.name): {NameSyntax.Quote(name)} is not a valid name (lower-case letters, digits, '-' and '.', at most 253, as in Kubernetes)");
        }
        ValidateSpec($"{path}:Spec", certificate.Spec, errors);
        ValidateKey(path, certificate, errors);
    }

    static void ValidateSpec(string path, CertificateSpec spec, List<string> errors)
    {
        if (spec.SecretName.Length > 0 && !NameSyntax.IsSubdomain(spec.SecretName))
        {
            errors.Add($"{path}:SecretName (spec.secretName): {NameSyntax.Quote(spec.SecretName)} is not a valid name");
        }
        if (string.IsNullOrEmpty(spec.IssuerRef.Name))
        {
            errors.Add($"{path}:IssuerRef:Name (spec.issuerRef.name): required");
        }
        if (spec.IssuerRef.Kind is { } kind && kind is not ("Issuer" or "ClusterIssuer"))
        {
            errors.Add($"{path}:IssuerRef:Kind (spec.issuerRef.kind): {NameSyntax.Quote(kind)} must be Issuer or ClusterIssuer");
        }
        if (string.IsNullOrEmpty(spec.CommonName) && IsEmpty(spec.DnsNames) && IsEmpty(spec.IpAddresses) && IsEmpty(spec.Uris) && IsEmpty(spec.EmailAddresses))
        {
            errors.Add($"{path}: at least one of CommonName, DnsNames, IpAddresses, Uris or EmailAddresses is required");
        }
        if (spec.CommonName is { Length: > 64 } commonName)
        {
            errors.Add($"{path}:CommonName (spec.commonName): {commonName.Length} characters, at most 64 (X.509 ub-common-name)");
        }
        Each(path, "DnsNames", "dnsNames", spec.DnsNames, NameSyntax.IsDnsName, "is not a valid DNS name", errors);
        Each(path, "IpAddresses", "ipAddresses", spec.IpAddresses, v => IPAddress.TryParse(v, out _), "is not an IP address", errors);
        Each(path, "Uris", "uris", spec.Uris, v => Uri.TryCreate(v, UriKind.Absolute, out _), "is not an absolute URI", errors);
        Each(path, "EmailAddresses", "emailAddresses", spec.EmailAddresses, NameSyntax.IsEmail, "is not an email address", errors);
        if (spec.PrivateKey is { } privateKey)
        {
            // With a CSR CertMesh generates no key, so it refuses these settings: the key is the client's business.
            if (privateKey.Algorithm is not null || privateKey.Size is not null)
            {
                errors.Add($"{path}:PrivateKey (spec.privateKey.algorithm/size): the key is made in the application; set {path[..path.LastIndexOf(':')]}:KeyAlgorithm and KeySize instead");
            }
            if (privateKey.Encoding is not null)
            {
                errors.Add($"{path}:PrivateKey:Encoding (spec.privateKey.encoding): the key never leaves the application, so it has no encoding to choose");
            }
            if (privateKey.RotationPolicy is { } policy && policy is not ("Always" or "Never"))
            {
                errors.Add($"{path}:PrivateKey:RotationPolicy (spec.privateKey.rotationPolicy): {NameSyntax.Quote(policy)} must be Always or Never");
            }
        }
    }

    static void ValidateKey(string path, CertMeshCertificateOptions certificate, List<string> errors)
    {
        var algorithm = certificate.KeyAlgorithm;
        if (!KeyAlgorithms.IsEcdsa(algorithm) && !KeyAlgorithms.IsRsa(algorithm))
        {
            errors.Add($"{path}:KeyAlgorithm: {NameSyntax.Quote(algorithm)} must be ECDSA or RSA");
            return;
        }
        var sizes = KeyAlgorithms.IsRsa(algorithm) ? KeyAlgorithms.RsaSizes : KeyAlgorithms.EcdsaSizes;
        if (certificate.KeySize is { } size && !sizes.Contains(size))
        {
            errors.Add($"{path}:KeySize: {size} is not a {algorithm.ToUpperInvariant()} size ({string.Join(", ", sizes)})");
        }
    }

    static void Each(string path, string field, string specField, IReadOnlyList<string>? values, Func<string, bool> valid, string problem, List<string> errors)
    {
        for (var i = 0; values is not null && i < values.Count; i++)
        {
            if (string.IsNullOrEmpty(values[i]) || !valid(values[i]))
            {
                errors.Add($"{path}:{field}:{i} (spec.{specField}[{i}]): {NameSyntax.Quote(values[i] ?? "")} {problem}");
            }
        }
    }

    static bool IsEmpty(IReadOnlyList<string>? values) => values is null || values.Count == 0;
}
