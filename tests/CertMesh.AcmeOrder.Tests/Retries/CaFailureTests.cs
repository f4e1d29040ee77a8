using System.Net;
using CertMesh.Acme.Problems;
using CertMesh.AcmeOrder.Retries;

namespace CertMesh.AcmeOrder.Tests.Retries;

/// <summary>The CA's words and the shared classifier's verdict, as the order workflows see them.</summary>
public sealed class CaFailureTests
{
    [Fact]
    public void From_BadNonce_TransientWithTheCasDetail()
    {
        var failure = CaFailure.From(new AcmeProblemException(
            new AcmeProblem { Type = AcmeProblemTypes.BadNonce, Detail = "JWS has an invalid anti-replay nonce", Status = 400 }, HttpStatusCode.BadRequest));

        Assert.Equal(new CaFailure("JWS has an invalid anti-replay nonce", true, null), failure);
    }

    [Fact]
    public void From_RejectedWithSubproblems_FinalNamingEachRefusedName()
    {
        var problem = new AcmeProblem
        {
            Type = AcmeProblemTypes.RejectedIdentifier,
            Detail = "Error creating new order",
            Subproblems = [new AcmeProblem { Type = AcmeProblemTypes.RejectedIdentifier, Detail = "a.test is forbidden by policy" }],
        };

        var failure = CaFailure.From(new AcmeProblemException(problem, HttpStatusCode.BadRequest));

        Assert.Equal(new CaFailure("Error creating new order (a.test is forbidden by policy)", false, null), failure);
    }

    [Fact]
    public void From_RateLimitedWithRetryAfter_TransientKeepingTheWait()
    {
        var failure = CaFailure.From(new AcmeProblemException(
            new AcmeProblem { Type = AcmeProblemTypes.RateLimited, Detail = "too many" }, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(42)));

        Assert.Equal(new CaFailure("too many", true, TimeSpan.FromSeconds(42)), failure);
    }

    [Fact]
    public void From_ConnectionReset_TransientWithTheTransportsMessage()
    {
        var failure = CaFailure.From(new AcmeException("ACME POST https://ca.test/finalize failed: Connection reset by peer", new HttpRequestException("reset")));

        Assert.Equal(new CaFailure("ACME POST https://ca.test/finalize failed: Connection reset by peer", true, null), failure);
    }

    [Fact]
    public void From_NotFromTheCa_Null()
    {
        Assert.Null(CaFailure.From(new InvalidOperationException("a bug")));
    }

    [Fact]
    public void From_ShutdownCancellation_Null()
    {
        using var stopping = new CancellationTokenSource();
        stopping.Cancel();

        Assert.Null(CaFailure.From(new OperationCanceledException(stopping.Token), stopping.Token));
    }
}
