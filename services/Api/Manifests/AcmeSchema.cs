namespace CertMesh.Api.Manifests;

/// <summary>
/// <c>spec.acme</c> of an Issuer or ClusterIssuer, with every field of cert-manager's <c>ACMEIssuer</c>. What CertMesh
/// acts on is typed, so a misspelt field is named rather than ignored; the solvers CertMesh does not run itself
/// (<c>http01</c>, DNS providers other than <c>rfc2136</c> and <c>webhook</c>) and a webhook's <c>config</c> are kept
/// verbatim, so cert-manager YAML applies unchanged.
/// </summary>
internal static class AcmeSchema
{
    /// <summary>cert-manager's <c>SecretKeySelector</c>: one key of a Secret in the issuer's namespace.</summary>
    private static readonly Shape SecretKeySelector = Shape.Object(("name", Shape.String), ("key", Shape.String));

    private static readonly Shape Rfc2136 = Shape.Object(
        ("nameserver", Shape.String),
        ("tsigKeyName", Shape.String),
        ("tsigAlgorithm", Shape.String),
        ("tsigSecretSecretRef", SecretKeySelector),
        ("protocol", Shape.String));

    private static readonly Shape Webhook = Shape.Object(
        ("groupName", Shape.String),
        ("solverName", Shape.String),
        ("config", Shape.Verbatim));

    private static readonly Shape Dns01 = Shape.Object(
        ("cnameStrategy", Shape.String),
        ("rfc2136", Rfc2136),
        ("webhook", Webhook),
        ("acmeDNS", Shape.VerbatimObject),
        ("akamai", Shape.VerbatimObject),
        ("azureDNS", Shape.VerbatimObject),
        ("cloudDNS", Shape.VerbatimObject),
        ("cloudflare", Shape.VerbatimObject),
        ("digitalocean", Shape.VerbatimObject),
        ("route53", Shape.VerbatimObject));

    private static readonly Shape Solver = Shape.Object(
        ("selector", Shape.Object(("matchLabels", Shape.StringMap), ("dnsNames", Shape.StringList), ("dnsZones", Shape.StringList))),
        ("http01", Shape.VerbatimObject),
        ("dns01", Dns01));

    public static readonly Shape Issuer = Shape.Object(
        ("server", Shape.String),
        ("email", Shape.String),
        ("preferredChain", Shape.String),
        ("profile", Shape.String),
        ("caBundle", Shape.String),
        ("skipTLSVerify", Shape.Boolean),
        ("externalAccountBinding", Shape.Object(("keyID", Shape.String), ("keySecretRef", SecretKeySelector), ("keyAlgorithm", Shape.String))),
        ("privateKeySecretRef", SecretKeySelector),
        ("disableAccountKeyGeneration", Shape.Boolean),
        ("enableDurationFeature", Shape.Boolean),
        ("solvers", Shape.ListOf(Solver)));
}
