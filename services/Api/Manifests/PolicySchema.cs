namespace CertMesh.Api.Manifests;

/// <summary>
/// The parts of approver-policy's <c>policy.cert-manager.io/v1alpha1</c> CertificateRequestPolicy schema CertMesh
/// understands, with its field names. <c>plugins</c> and the subject's <c>otherAttributes</c> are not among them, so a
/// policy using them is refused as naming an unknown field rather than half-applied.
/// </summary>
internal static class PolicySchema
{
    static readonly Shape Validations = Shape.ListOf(Shape.Object(("rule", Shape.String), ("message", Shape.String)));

    static readonly Shape AllowedString = Shape.Object(("value", Shape.String), ("required", Shape.Boolean), ("validations", Validations));

    static readonly Shape AllowedStringSlice = Shape.Object(("values", Shape.StringList), ("required", Shape.Boolean), ("validations", Validations));

    public static readonly Shape Spec = Shape.Object(
        ("selector", Shape.Object(
            ("issuerRef", Shape.Object(("name", Shape.String), ("kind", Shape.String), ("group", Shape.String))),
            ("namespace", Shape.Object(("matchNames", Shape.StringList), ("matchLabels", Shape.StringMap))))),
        ("allowed", Shape.Object(
            ("commonName", AllowedString),
            ("dnsNames", AllowedStringSlice),
            ("ipAddresses", AllowedStringSlice),
            ("uris", AllowedStringSlice),
            ("emailAddresses", AllowedStringSlice),
            ("isCA", Shape.Boolean),
            ("usages", Shape.StringList),
            ("subject", Shape.Object(
                ("organizations", AllowedStringSlice),
                ("countries", AllowedStringSlice),
                ("organizationalUnits", AllowedStringSlice),
                ("localities", AllowedStringSlice),
                ("provinces", AllowedStringSlice),
                ("streetAddresses", AllowedStringSlice),
                ("postalCodes", AllowedStringSlice),
                ("serialNumber", AllowedString))))),
        ("constraints", Shape.Object(
            ("minDuration", Shape.String),
            ("maxDuration", Shape.String),
            ("privateKey", Shape.Object(("algorithm", Shape.String), ("minSize", Shape.Integer), ("maxSize", Shape.Integer))))));
}
