using System.Net.Http.Headers;
using System.Text;

namespace CertMesh.Testing;

/// <summary>POSTs cert-manager YAML (and v1 Secrets) to a running Api with a bearer token, as <c>certmesh apply</c> does.</summary>
public static class ApiApply
{
    /// <returns>the Api's answer; a refusal throws with its status and body.</returns>
    public static async Task<string> PostAsync(Uri api, string token, string yaml)
    {
        using var http = new HttpClient { BaseAddress = api };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await http.PostAsync("/api/apply", content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"apply failed ({(int)response.StatusCode}): {body}");
        return body;
    }
}
