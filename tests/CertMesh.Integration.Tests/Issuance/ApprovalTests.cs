using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CertMesh.Contracts;
using CertMesh.Integration.Tests.Support;
using Xunit;

namespace CertMesh.Integration.Tests.Issuance;

/// <summary>
/// Approval on the whole stack: a CertificateRequestPolicy approves what it allows and denies the rest (the denial
/// reaches the certificate's status with reason Denied), and with CERTMESH_APPROVAL_DEFAULT=wait a request no policy
/// selects waits, across a restart of Issuing, until a person approves or denies it through the Api. The policy selects only its own namespace, so
/// the suite's other tests keep the default approval.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ApprovalTests(StackFixture stack)
{
    const string PolicyNamespace = "it-team-a";

    static readonly string Policy = $$"""
        apiVersion: policy.cert-manager.io/v1alpha1
        kind: CertificateRequestPolicy
        metadata:
          name: it-team-a
        spec:
          selector:
            issuerRef:
              name: {{StackFixture.CaIssuer}}
              kind: ClusterIssuer
            namespace:
              matchNames: [{{PolicyNamespace}}]
          allowed:
            commonName:
              value: "*.team-a.example"
            dnsNames:
              values: ["*.team-a.example"]
              required: true
            usages: [digital signature, key encipherment, server auth, client auth]
          constraints:
            maxDuration: 2160h
            privateKey:
              algorithm: ECDSA
        """;

    [Fact]
    public async Task Issue_InsidePolicy_ApprovedByPolicyAndIssued()
    {
        await ApplyPolicyAsync();

        await stack.Bus.Publish(TeamA("inside", "web.team-a.example"));
        await stack.WaitForIssuedAsync(PolicyNamespace, "inside");

        var approved = Condition(await RequestAsync(PolicyNamespace, "inside-1"), "Approved");
        Assert.Equal(("True", "policy.cert-manager.io", "Approved by CertificateRequestPolicy: \"it-team-a\""),
            ((string?)approved?["status"], (string?)approved?["reason"], (string?)approved?["message"]));
    }

    [Fact]
    public async Task Issue_ExtraSanOutsidePolicy_DeniedNamingPolicyVisibleInStatus()
    {
        await ApplyPolicyAsync();

        await stack.Bus.Publish(TeamA("outside", "web.team-a.example", "evil.example"));
        await stack.Events.WaitUntilAsync(() => Failures(PolicyNamespace, "outside").Count > 0, TimeSpan.FromSeconds(60), "the denial");

        var failure = Failures(PolicyNamespace, "outside")[0];
        Assert.Equal("Denied", failure.Reason);
        Assert.Contains("[it-team-a: spec.allowed.dnsNames.values: Invalid value: [\"evil.example\"]", failure.Message);
        Assert.Empty(stack.Events.IssuedFor(PolicyNamespace, "outside"));
        using var http = stack.ApiClient();
        var status = JsonNode.Parse(await http.GetStringAsync($"/api/status/certificate/{PolicyNamespace}/outside"))!;
        var ready = Condition(status["certificate"]!, "Ready");
        Assert.Equal(("False", "Denied"), ((string?)ready?["status"], (string?)ready?["reason"]));
        var denied = Condition(await RequestAsync(PolicyNamespace, "outside-1"), "Denied");
        Assert.Equal(("True", "policy.cert-manager.io"), ((string?)denied?["status"], (string?)denied?["reason"]));
        Assert.Equal("Denied", (string?)Condition(await RequestAsync(PolicyNamespace, "outside-1"), "Ready")?["reason"]);
        // As a user reads it: cmctl's status names the reason and the policy.
        var printed = await CliRunner.RunAsync(stack, "status", "certificate", "outside", "-n", PolicyNamespace);
        Assert.Contains("Denied", printed);
        Assert.Contains("it-team-a", printed);

        await stack.Bus.Publish(new DeleteCertificate { Namespace = PolicyNamespace, Name = "outside" });
    }

    [Fact]
    public async Task DefaultWait_ManualApproveIssuesAndDenyFails()
    {
        const string ns = "it-approval-wait";
        await using (var swap = await stack.ReplaceServiceAsync("Issuing", new Dictionary<string, string?> { ["CERTMESH_APPROVAL_DEFAULT"] = "wait" }))
        {
            var waiting = swap.Replacement;
            using var http = stack.ApiClient();

            await stack.Bus.Publish(Commands.Issue(ns, "held"));
            await stack.Bus.Publish(Commands.Issue(ns, "refused"));
            await WaitingAsync(ns, "held-1");
            await WaitingAsync(ns, "refused-1");
            Assert.Empty(stack.Events.IssuedFor(ns, "held"));
            // The waiting sagas are in PostgreSQL, not in the process: a restart keeps them waiting.
            waiting.Kill();
            waiting.Start();
            await waiting.WaitHealthyAsync(TimeSpan.FromSeconds(60));

            // A person at a terminal, with cmctl's verbs.
            var approve = await CliRunner.RunAsync(stack, "approve", "held-1", "-n", ns, "--reason", "ReviewedByOps", "--message", "ticket OPS-42");
            Assert.Equal($"Approval sent for CertificateRequest {ns}/held-1", approve.Trim());
            await stack.WaitForIssuedAsync(ns, "held");
            var approved = Condition(await RequestAsync(ns, "held-1"), "Approved");
            Assert.Equal(("ReviewedByOps", "ticket OPS-42"), ((string?)approved?["reason"], (string?)approved?["message"]));
            var again = await http.PostAsJsonAsync($"/api/certificaterequests/{ns}/held-1/deny", new { reason = "TooLate" });
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

            var deny = await CliRunner.RunAsync(stack, "deny", "refused-1", "-n", ns, "--reason", "NotOurs", "--message", "no such service");
            Assert.Equal($"Denial sent for CertificateRequest {ns}/refused-1", deny.Trim());
            await stack.Events.WaitUntilAsync(() => Failures(ns, "refused").Count > 0, TimeSpan.FromSeconds(60), "the manual denial");
            Assert.Equal("Denied", Failures(ns, "refused")[0].Reason);
            var denied = Condition(await RequestAsync(ns, "refused-1"), "Denied");
            Assert.Equal(("True", "NotOurs", "no such service"), ((string?)denied?["status"], (string?)denied?["reason"], (string?)denied?["message"]));
            Assert.Empty(stack.Events.IssuedFor(ns, "refused"));

            await stack.Bus.Publish(new DeleteCertificate { Namespace = ns, Name = "refused" });
        }
    }

    /// <summary>Issuing reads policies at most every two seconds (ApprovalPolicies): wait that long after applying one.</summary>
    async Task ApplyPolicyAsync()
    {
        await stack.ApplyAsync(Policy);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
    }

    static IssueCertificate TeamA(string name, params string[] dnsNames) => new()
    {
        Namespace = PolicyNamespace,
        Name = name,
        Spec = new CertificateSpec
        {
            SecretName = name + "-tls",
            CommonName = dnsNames[0],
            DnsNames = dnsNames,
            IssuerRef = new IssuerReference { Name = StackFixture.CaIssuer, Kind = "ClusterIssuer" },
        },
    };

    /// <summary>Until the request exists, pending and neither approved nor denied.</summary>
    async Task WaitingAsync(string ns, string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var http = stack.ApiClient();
            var response = await http.GetAsync($"/api/resources/CertificateRequest/{ns}/{name}");
            if (response.IsSuccessStatusCode)
            {
                var request = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.Null(Condition(request, "Approved"));
                Assert.Null(Condition(request, "Denied"));
                Assert.Equal("Pending", (string?)Condition(request, "Ready")?["reason"]);
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"CertificateRequest {ns}/{name} was not created within 60 s");
    }

    async Task<JsonNode> RequestAsync(string ns, string name)
    {
        using var http = stack.ApiClient();
        return JsonNode.Parse(await http.GetStringAsync($"/api/resources/CertificateRequest/{ns}/{name}"))!;
    }

    static JsonNode? Condition(JsonNode resource, string type) =>
        resource["status"]?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c!["type"] == type);

    List<CertificateIssuanceFailed> Failures(string ns, string name) =>
        stack.Events.Failed.Select(f => f.Message).Where(m => m.Namespace == ns && m.Name == name).OrderBy(m => m.FailedIssuanceAttempts).ToList();
}
