using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Http;

/// <summary>The API's routes, in one place (the server side implements the same list).</summary>
internal static class ApiPaths
{
    /// <summary>Path segment standing for "no namespace" (cluster-scoped kinds).</summary>
    public const string ClusterScope = "_";

    public const string Apply = "api/apply";

    /// <summary>The Api and every service, as their heartbeats report them (<c>certmesh check api</c>).</summary>
    public const string Health = "api/health";

    public static string List(KindInfo kind, string? ns, bool yaml) =>
        $"api/resources/{kind.Kind}" + Query(kind.Namespaced ? ns : null, yaml);

    public static string Get(KindInfo kind, string ns, string name, bool yaml) =>
        $"api/resources/{kind.Kind}/{Segment(kind.Namespaced ? ns : ClusterScope)}/{Segment(name)}" + Query(null, yaml);

    /// <summary>Deletes a stored resource the Api owns (principals, bindings, grants, policies, Namespaces).</summary>
    public static string Delete(KindInfo kind, string ns, string name) =>
        $"api/resources/{kind.Kind}/{Segment(kind.Namespaced ? ns : ClusterScope)}/{Segment(name)}";

    /// <summary>Deletes a Certificate: the Api asks Trigger, which owns Certificates.</summary>
    public static string DeleteCertificate(string ns, string name) => $"api/certificates/{Segment(ns)}/{Segment(name)}";

    public static string Secret(string ns, string name) => $"api/secrets/{Segment(ns)}/{Segment(name)}";

    public static string CertificateStatus(string ns, string name) => $"api/status/certificate/{Segment(ns)}/{Segment(name)}";

    /// <summary>The audit log, in <paramref name="ns"/> or (null) everywhere.</summary>
    public static string Events(string? ns) => "api/events" + Query(ns, yaml: false);

    public static string CanI(string verb, KindInfo kind, string? ns, string? name)
    {
        var query = $"api/auth/can-i?verb={Uri.EscapeDataString(verb)}&kind={Uri.EscapeDataString(kind.Kind)}";
        if (ns is not null) query += $"&namespace={Uri.EscapeDataString(ns)}";
        return name is null ? query : query + $"&name={Uri.EscapeDataString(name)}";
    }

    public const string WhoAmI = "api/auth/whoami";

    public static string Renew(string ns, string name) => $"api/certificates/{Segment(ns)}/{Segment(name)}/renew";

    public static string Approve(string ns, string name) => $"api/certificaterequests/{Segment(ns)}/{Segment(name)}/approve";

    public static string Deny(string ns, string name) => $"api/certificaterequests/{Segment(ns)}/{Segment(name)}/deny";

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static string Query(string? ns, bool yaml)
    {
        var parts = new List<string>();
        if (ns is not null) parts.Add($"namespace={Uri.EscapeDataString(ns)}");
        if (yaml) parts.Add("output=yaml");
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
