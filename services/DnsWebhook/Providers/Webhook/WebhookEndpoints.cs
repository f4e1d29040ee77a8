using System.Diagnostics.CodeAnalysis;

namespace CertMesh.DnsWebhook.Providers.Webhook;

/// <summary>
/// Which base URL serves each webhook <c>groupName</c>. In Kubernetes the API server routes
/// <c>/apis/&lt;group&gt;/v1alpha1</c> to the solver's APIService; here the operator says where each group listens:
/// <c>CERTMESH_DNS_WEBHOOKS=acme.imroc.cc=http://127.0.0.1:8090,acme.example.com=https://solver.internal</c>.
/// </summary>
internal sealed class WebhookEndpoints
{
    public const string Variable = "CERTMESH_DNS_WEBHOOKS";

    readonly IReadOnlyDictionary<string, Uri> _bases;

    WebhookEndpoints(IReadOnlyDictionary<string, Uri> bases) => _bases = bases;

    public static WebhookEndpoints None { get; } = new(new Dictionary<string, Uri>());

    public IEnumerable<string> Groups => _bases.Keys;

    /// <summary>Parses the variable; a malformed entry stops the service at start-up rather than failing challenges later.</summary>
    public static WebhookEndpoints Parse(string? value)
    {
        // Group names are DNS names, so they match case-insensitively, as the API server's group routing does.
        var bases = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
                throw new InvalidOperationException($"{Variable}: '{entry}' is not group=url");
            if (!Uri.TryCreate(parts[1], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                throw new InvalidOperationException($"{Variable}: the URL of group {parts[0]} ('{parts[1]}') is not an absolute http or https URL");
            if (!bases.TryAdd(parts[0], url))
                throw new InvalidOperationException($"{Variable}: group {parts[0]} is listed twice");
        }
        return new WebhookEndpoints(bases);
    }

    /// <summary>cert-manager's webhook URL for one solver: <c>&lt;base&gt;/apis/&lt;groupName&gt;/v1alpha1/&lt;solverName&gt;</c>.</summary>
    public bool TryGetSolverUrl(string groupName, string solverName, [NotNullWhen(true)] out Uri? url)
    {
        if (!_bases.TryGetValue(groupName, out var baseUrl))
        {
            url = null;
            return false;
        }
        var path = $"{baseUrl.AbsolutePath.TrimEnd('/')}/apis/{Uri.EscapeDataString(groupName)}/v1alpha1/{Uri.EscapeDataString(solverName)}";
        url = new UriBuilder(baseUrl) { Path = path, Query = "" }.Uri;
        return true;
    }
}
