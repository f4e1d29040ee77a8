namespace CertMesh.Api.Manifests;

/// <summary>
/// The parts of cert-manager's <c>cert-manager.io/v1</c> CRD schemas that CertMesh understands, with
/// cert-manager's field names. A field missing here is reported as unknown rather than silently dropped.
/// </summary>
internal static class CertManagerSchema
{
    public static readonly Shape Metadata = Shape.LenientObject(
        ("name", Shape.String),
        ("namespace", Shape.String),
        ("labels", Shape.StringMap),
        ("annotations", Shape.StringMap));

    public static readonly Shape CertificateSpec = Shape.Object(
        ("secretName", Shape.String),
        ("issuerRef", Shape.Object(("name", Shape.String), ("kind", Shape.String), ("group", Shape.String))),
        ("commonName", Shape.String),
        ("dnsNames", Shape.StringList),
        ("ipAddresses", Shape.StringList),
        ("uris", Shape.StringList),
        ("emailAddresses", Shape.StringList),
        ("subject", Shape.Object(
            ("organizations", Shape.StringList),
            ("countries", Shape.StringList),
            ("organizationalUnits", Shape.StringList),
            ("localities", Shape.StringList),
            ("provinces", Shape.StringList),
            ("streetAddresses", Shape.StringList),
            ("postalCodes", Shape.StringList),
            ("serialNumber", Shape.String))),
        ("duration", Shape.String),
        ("renewBefore", Shape.String),
        ("renewBeforePercentage", Shape.Integer),
        ("privateKey", Shape.Object(
            ("algorithm", Shape.String),
            ("size", Shape.Integer),
            ("encoding", Shape.String),
            ("rotationPolicy", Shape.String))),
        ("usages", Shape.StringList),
        ("isCA", Shape.Boolean),
        ("revisionHistoryLimit", Shape.Integer),
        ("secretTemplate", Shape.Object(("annotations", Shape.StringMap), ("labels", Shape.StringMap))),
        ("additionalOutputFormats", Shape.ListOf(Shape.Object(("type", Shape.String)))));

    public static readonly Shape IssuerSpec = Shape.Object(
        ("selfSigned", Shape.Object(("crlDistributionPoints", Shape.StringList))),
        ("ca", Shape.Object(
            ("secretName", Shape.String),
            ("crlDistributionPoints", Shape.StringList),
            ("ocspServers", Shape.StringList))),
        ("acme", AcmeSchema.Issuer),
        ("vault", Shape.VerbatimObject));
}
