using System.Text.Json;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Status;

/// <summary>
/// Renders the API's certificate status document the way <c>cmctl status certificate</c> prints it:
/// the Certificate, its events, issuer, Secret, times, current CertificateRequest and, for ACME, order and challenges.
/// </summary>
internal static class CertificateStatusPrinter
{
    /// <summary>Written by Issuing on the CertificateRequest it makes (see its <c>CertificateRequests.TraceIdAnnotation</c>).</summary>
    private const string TraceIdAnnotation = "certmesh.io/trace-id";

    public static string Format(JsonElement status, DateTimeOffset now)
    {
        var w = new StatusWriter(now);
        var certificate = status.At("certificate") ?? default;
        w.Field(0, "Name", certificate.Text("metadata", "name"));
        w.Field(0, "Namespace", certificate.Text("metadata", "namespace"));
        w.Field(0, "Created at", certificate.Text("metadata", "creationTimestamp"));
        w.Conditions(0, certificate);
        w.List(0, "DNS Names", certificate.Items("spec", "dnsNames").Select(d => d.GetString() ?? ""));
        w.Events(0, status.Items("events").ToList());
        Issuer(w, certificate, status.At("issuer"));
        Secret(w, status.At("secret"));
        w.Field(0, "Not Before", certificate.Text("status", "notBefore") ?? "<none>");
        w.Field(0, "Not After", certificate.Text("status", "notAfter") ?? "<none>");
        w.Field(0, "Renewal Time", certificate.Text("status", "renewalTime") ?? "<none>");
        CsrRequest(w, certificate);
        Request(w, status.At("request"));
        AcmeStatusPrinter.Write(w, status);
        return w.ToString();
    }

    /// <summary>A CSR-mode certificate waiting for its owner's CSR from a new key (rotationPolicy Always).</summary>
    private static void CsrRequest(StatusWriter w, JsonElement certificate)
    {
        if (certificate.At("status", "csrRequest") is not { ValueKind: JsonValueKind.Object } request) return;
        w.Line(0, "Waiting For Owner: a CSR from a new key (rotationPolicy Always; the owner keeps the key)");
        w.Field(1, "Reason", request.Text("reason"));
        w.Field(1, "Requests Sent", $"{request.Text("attempts")}, first {request.Text("firstRequestTime")}, last {request.Text("lastRequestTime")}");
        w.Field(1, "Next Request", request.Text("nextRequestTime"));
    }

    private static void Issuer(StatusWriter w, JsonElement certificate, JsonElement? issuer)
    {
        w.Line(0, "Issuer:");
        w.Field(1, "Name", certificate.Text("spec", "issuerRef", "name"));
        w.Field(1, "Kind", certificate.Text("spec", "issuerRef", "kind") ?? "Issuer");
        if (certificate.Text("spec", "issuerRef", "group") is { } group && group != "cert-manager.io") w.Field(1, "Group", group);
        if (issuer is { } i) w.Conditions(1, i);
    }

    private static void Secret(StatusWriter w, JsonElement? secret)
    {
        if (secret is not { } s) return;
        var name = s.Text("name");
        if (s.At("exists") is { ValueKind: JsonValueKind.False })
        {
            w.Line(0, $"error when finding Secret \"{name}\": secrets \"{name}\" not found");
            return;
        }
        w.Line(0, "Secret:");
        w.Field(1, "Name", name);
        var (country, organisation, commonName) = IssuerName(s.At("issuer"));
        w.Field(1, "Issuer Country", country);
        w.Field(1, "Issuer Organisation", organisation);
        w.Field(1, "Issuer Common Name", commonName);
        w.Field(1, "Serial Number", s.Text("serialNumber"));
        w.Field(1, "Not Before", s.Text("notBefore"));
        w.Field(1, "Not After", s.Text("notAfter"));
        var dnsNames = s.Items("dnsNames").Select(d => d.GetString()).ToList();
        if (dnsNames.Count > 0) w.Field(1, "DNS Names", string.Join(", ", dnsNames));
    }

    /// <summary>The issuer as an X.500 name string, or as an object with <c>country</c>, <c>organization</c>, <c>commonName</c>.</summary>
    private static (string Country, string Organisation, string CommonName) IssuerName(JsonElement? issuer)
    {
        if (issuer is { ValueKind: JsonValueKind.Object } o)
            return (o.Text("country") ?? "", o.Text("organization") ?? "", o.Text("commonName") ?? "");
        var attributes = DistinguishedName.Parse(issuer?.Text());
        return (DistinguishedName.Get(attributes, "C"), DistinguishedName.Get(attributes, "O"), DistinguishedName.Get(attributes, "CN"));
    }

    private static void Request(StatusWriter w, JsonElement? request)
    {
        if (request is not { } r)
        {
            w.Line(0, "No CertificateRequest found for this Certificate");
            return;
        }
        w.Line(0, "CertificateRequest:");
        w.Field(1, "Name", r.Text("metadata", "name"));
        w.Field(1, "Namespace", r.Text("metadata", "namespace"));
        // The trace of the issuance that made the request: one id across every service's spans and log lines.
        if (r.Text("metadata", "annotations", TraceIdAnnotation) is { } traceId) w.Field(1, "Trace ID", traceId);
        w.Conditions(1, r);
    }
}
