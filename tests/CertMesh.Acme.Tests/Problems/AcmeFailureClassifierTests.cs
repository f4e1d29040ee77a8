using System.Net;
using System.Net.Sockets;
using System.Reflection;
using CertMesh.Acme.Jws;
using CertMesh.Acme.Problems;
using CertMesh.Acme.Tests.Support;
using static CertMesh.Acme.Problems.AcmeFailureKind;

namespace CertMesh.Acme.Tests.Problems;

/// <summary>Each row of the classification is a case here: problem types, HTTP statuses, Retry-After, transport exceptions.</summary>
public sealed class AcmeFailureClassifierTests
{
    [Theory]
    [InlineData("badNonce", Transient)]
    [InlineData("serverInternal", Transient)]
    [InlineData("rateLimited", Transient)]
    [InlineData("orderNotReady", Transient)]
    [InlineData("accountDoesNotExist", Final)]
    [InlineData("externalAccountRequired", Final)]
    [InlineData("invalidContact", Final)]
    [InlineData("unsupportedContact", Final)]
    [InlineData("userActionRequired", Final)]
    [InlineData("unauthorized", Final)]
    [InlineData("rejectedIdentifier", Final)]
    [InlineData("unsupportedIdentifier", Final)]
    [InlineData("caa", Final)]
    [InlineData("badCSR", Final)]
    [InlineData("badPublicKey", Final)]
    [InlineData("badSignatureAlgorithm", Final)]
    [InlineData("malformed", Final)]
    [InlineData("connection", Final)]
    [InlineData("dns", Final)]
    [InlineData("tls", Final)]
    [InlineData("incorrectResponse", Final)]
    [InlineData("alreadyRevoked", Final)]
    [InlineData("badRevocationReason", Final)]
    public void Classify_ProblemType_DecidedByTheTable(string type, AcmeFailureKind expected)
    {
        // 400, the status RFC 8555 gives most of them: the type decides, not the status.
        Assert.Equal(expected, AcmeFailureClassifier.Classify(Problem(AcmeProblemTypes.Prefix + type, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public void ProblemTypes_EveryRfc8555Type_HasARow()
    {
        var declared = typeof(AcmeProblemTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(AcmeProblemTypes.Prefix))
            .Select(f => (string)f.GetValue(null)!)
            .ToList();

        Assert.Equal(24, declared.Count);
        // compound is decided by its subproblems, every other type by its row.
        Assert.Equal(declared.Where(t => t != AcmeProblemTypes.Compound).Order(), AcmeFailureClassifier.ProblemTypes.Keys.Order());
    }

    [Theory]
    [InlineData(400, Final)]
    [InlineData(401, Final)]
    [InlineData(403, Final)]
    [InlineData(404, Final)]
    [InlineData(408, Transient)]
    [InlineData(409, Final)]
    [InlineData(429, Transient)]
    [InlineData(500, Transient)]
    [InlineData(502, Transient)]
    [InlineData(503, Transient)]
    [InlineData(504, Transient)]
    public void Classify_TypeNotInTheTable_DecidedByHttpStatus(int status, AcmeFailureKind expected)
    {
        Assert.Equal(expected, AcmeFailureClassifier.Classify(Problem("about:blank", (HttpStatusCode)status)));
        Assert.Equal(expected, AcmeFailureClassifier.Classify(Problem("urn:example:ca:error:maintenance", (HttpStatusCode)status)));
    }

    [Theory]
    [InlineData("rateLimited", 429)]
    [InlineData("serverInternal", 503)]
    [InlineData("about:blank", 400)]
    [InlineData("unauthorized", 403)]
    public void Classify_RetryAfterGiven_Transient(string type, int status)
    {
        var problemType = type.Contains(':', StringComparison.Ordinal) ? type : AcmeProblemTypes.Prefix + type;

        Assert.Equal(Transient, AcmeFailureClassifier.Classify(Problem(problemType, (HttpStatusCode)status, TimeSpan.FromSeconds(3))));
    }

    [Theory]
    [InlineData("serverInternal")]
    [InlineData("connection")]
    [InlineData("badNonce")]
    public void Classify_ObjectEndedInvalid_FinalWhateverItsError(string type)
    {
        // No HTTP status: WaitFor… found the order or authorization invalid, with this as its error. It stays invalid.
        var invalid = new AcmeProblemException(new AcmeProblem { Type = AcmeProblemTypes.Prefix + type, Detail = "no" });

        Assert.Equal(Final, AcmeFailureClassifier.Classify(invalid));
    }

    [Theory]
    [InlineData(new[] { "badNonce", "serverInternal" }, Transient)]
    [InlineData(new[] { "serverInternal", "rejectedIdentifier" }, Final)]
    [InlineData(new[] { "caa" }, Final)]
    [InlineData(new string[0], Final)]
    public void Classify_Compound_TransientOnlyWhenEverySubproblemIs(string[] subtypes, AcmeFailureKind expected)
    {
        var compound = new AcmeProblem
        {
            Type = AcmeProblemTypes.Compound,
            Subproblems = subtypes.Select(t => new AcmeProblem { Type = AcmeProblemTypes.Prefix + t }).ToList(),
        };

        Assert.Equal(expected, AcmeFailureClassifier.Classify(new AcmeProblemException(compound, HttpStatusCode.BadRequest)));
    }

    static readonly Dictionary<string, Func<Exception>> Failures = new()
    {
        ["connection refused"] = () => new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused)),
        ["connection reset"] = () => new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset)),
        ["socket error"] = () => new SocketException((int)SocketError.HostUnreachable),
        ["transport wraps connection refused"] = () => new AcmeException("ACME POST https://ca.test/order failed: Connection refused", new HttpRequestException("Connection refused")),
        ["transport wraps reset body"] = () => new AcmeException("ACME POST https://ca.test/order failed", new IOException("reset")),
        ["transport timeout"] = () => new TimeoutException("ACME POST https://ca.test/order took longer than 00:00:30."),
        ["HttpClient.Timeout"] = () => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException()),
        ["poll timeout"] = () => new TimeoutException("The CA did not finish within 00:05:00."),
        ["not JSON"] = () => new AcmeException("The CA's answer from https://ca.test/dir is not a valid AcmeDirectory: '<' is an invalid start of a value. (<html>)"),
        ["no nonce"] = () => new AcmeException("The CA sent no Replay-Nonce from https://ca.test/nonce."),
        ["a bug"] = () => new InvalidOperationException("Sequence contains no elements"),
        ["bad argument"] = () => new ArgumentException("An order needs at least one identifier."),
    };

    [Theory]
    [InlineData("connection refused", Transient)]
    [InlineData("connection reset", Transient)]
    [InlineData("socket error", Transient)]
    [InlineData("transport wraps connection refused", Transient)]
    [InlineData("transport wraps reset body", Transient)]
    [InlineData("transport timeout", Transient)]
    [InlineData("HttpClient.Timeout", Transient)]
    [InlineData("poll timeout", Transient)]
    [InlineData("not JSON", Final)]
    [InlineData("no nonce", Final)]
    [InlineData("a bug", null)]
    [InlineData("bad argument", null)]
    public void Classify_ExceptionKind_DecidedByTheTable(string failure, AcmeFailureKind? expected)
    {
        Assert.Equal(expected, AcmeFailureClassifier.Classify(Failures[failure]()));
    }

    [Fact]
    public void Classify_CallersOwnCancellation_NotACaFailure()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Null(AcmeFailureClassifier.Classify(new TaskCanceledException("shutting down", null, cancelled.Token), cancelled.Token));
        Assert.Null(AcmeFailureClassifier.Classify(new OperationCanceledException(cancelled.Token), cancelled.Token));
    }

    [Fact]
    public async Task Classify_BadNonceOutlivingTheTransportsRetries_Transient()
    {
        var handler = new FakeAcmeHandler
        {
            Respond = (_, _) => FakeAcmeHandler.Json(HttpStatusCode.BadRequest,
                """{"type":"urn:ietf:params:acme:error:badNonce","detail":"JWS has an invalid anti-replay nonce","status":400}""", "application/problem+json"),
        };
        var client = new AcmeClient(new HttpClient(handler), FakeAcmeHandler.Directory, AccountKey.Create(), new AcmeClientOptions { MaxBadNonceRetries = 2 }, new Uri("https://fake.test/acct/1"));

        var thrown = await Assert.ThrowsAsync<AcmeProblemException>(() => client.GetAccountAsync());

        Assert.Equal(Transient, AcmeFailureClassifier.Classify(thrown));
    }

    [Fact]
    public async Task Classify_CaNotListening_Transient()
    {
        var closed = new Uri($"https://127.0.0.1:{FreePort()}/dir");
        var client = new AcmeClient(new HttpClient(), closed, AccountKey.Create());

        var thrown = await Assert.ThrowsAsync<AcmeException>(() => client.GetDirectoryAsync());

        Assert.Equal(Transient, AcmeFailureClassifier.Classify(thrown));
    }

    [Fact]
    public async Task Classify_CaTooSlow_Transient()
    {
        var handler = new SlowPosts(new FakeAcmeHandler { Respond = (_, _) => FakeAcmeHandler.Json(HttpStatusCode.OK, "{}") });
        var client = new AcmeClient(new HttpClient(handler), FakeAcmeHandler.Directory, AccountKey.Create(),
            new AcmeClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(50) }, new Uri("https://fake.test/acct/1"));

        var thrown = await Assert.ThrowsAsync<TimeoutException>(() => client.GetAccountAsync());

        Assert.Equal(Transient, AcmeFailureClassifier.Classify(thrown));
    }

    static AcmeProblemException Problem(string type, HttpStatusCode status, TimeSpan? retryAfter = null) =>
        new(new AcmeProblem { Type = type, Detail = "detail", Status = (int)status }, status, retryAfter);

    /// <summary>Answers every POST only after 5 s, unless the request is cancelled first.</summary>
    sealed class SlowPosts(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post)
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
