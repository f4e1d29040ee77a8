using System.Net;
using System.Text.Json;
using CertMesh.Contracts.Dns;
using CertMesh.DnsWebhook.Changes;
using CertMesh.DnsWebhook.Providers.Webhook;

namespace CertMesh.DnsWebhook.Tests.Providers.Webhook;

public class WebhookAnswerTests
{
    const string Solver = "webhook solver g/s at http://127.0.0.1:1/apis/g/v1alpha1/s";

    static string Failed(int code, string message = "dnspod: rate limited") => JsonSerializer.Serialize(new
    {
        apiVersion = "webhook.acme.cert-manager.io/v1alpha1",
        kind = "ChallengePayload",
        response = new { uid = "u", success = false, status = new { message, reason = "InternalError", code } },
    });

    [Fact]
    public void Check_Success_Returns() =>
        WebhookAnswer.Check(HttpStatusCode.OK, """{"response":{"uid":"u","success":true}}""", Solver, "Present");

    [Theory]
    [InlineData(0, false)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    public void Check_SuccessFalse_RetryableOnlyForThrottlingAndServerErrors(int code, bool retryable)
    {
        var error = Assert.Throws<DnsChangeException>(() => WebhookAnswer.Check(HttpStatusCode.OK, Failed(code), Solver, "Present"));

        Assert.Equal(DnsRecordFailureReasons.WebhookFailed, error.Reason);
        Assert.Equal(retryable, error.Retryable);
        Assert.Equal($"{Solver} failed to Present: dnspod: rate limited", error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, DnsRecordFailureReasons.Unreachable, true)]
    [InlineData(HttpStatusCode.BadGateway, DnsRecordFailureReasons.Unreachable, true)]
    [InlineData(HttpStatusCode.BadRequest, DnsRecordFailureReasons.WebhookFailed, false)]
    [InlineData(HttpStatusCode.NotFound, DnsRecordFailureReasons.WebhookFailed, false)]
    [InlineData(HttpStatusCode.TooManyRequests, DnsRecordFailureReasons.WebhookFailed, true)]
    public void Check_HttpError_ReasonAndRetryability(HttpStatusCode status, string reason, bool retryable)
    {
        var error = Assert.Throws<DnsChangeException>(() =>
            WebhookAnswer.Check(status, """{"kind":"Status","status":"Failure","message":"the server could not find the requested resource"}""", Solver, "CleanUp"));

        Assert.Equal(reason, error.Reason);
        Assert.Equal(retryable, error.Retryable);
        Assert.Contains($"HTTP {(int)status}", error.Message);
        Assert.EndsWith(": the server could not find the requested resource", error.Message);
    }

    [Theory]
    [InlineData("", "(empty body)")]
    [InlineData("upstream connect error", "upstream connect error")]
    public void Check_HttpErrorWithoutJson_QuotesBody(string body, string expected) =>
        Assert.EndsWith(expected, Assert.Throws<DnsChangeException>(() => WebhookAnswer.Check(HttpStatusCode.BadGateway, body, Solver, "Present")).Message);

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"apiVersion":"webhook.acme.cert-manager.io/v1alpha1","kind":"ChallengePayload"}""")]
    public void Check_OkWithoutResponse_WebhookFailedNonRetryable(string body)
    {
        var error = Assert.Throws<DnsChangeException>(() => WebhookAnswer.Check(HttpStatusCode.OK, body, Solver, "Present"));

        Assert.Equal(DnsRecordFailureReasons.WebhookFailed, error.Reason);
        Assert.False(error.Retryable);
        Assert.Contains("without a ChallengePayload response", error.Message);
    }
}
