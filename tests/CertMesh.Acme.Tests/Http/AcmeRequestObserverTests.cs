using System.Net;
using CertMesh.Acme.Http;
using CertMesh.Acme.Jws;
using CertMesh.Acme.Orders;
using CertMesh.Acme.Problems;
using CertMesh.Acme.Tests.Support;

namespace CertMesh.Acme.Tests.Http;

/// <summary>Every exchange reaches the observer with its logical action, retries and nonce fetches included.</summary>
public sealed class AcmeRequestObserverTests
{
    private static readonly Uri Account = new("https://fake.test/acct/1");

    [Fact]
    public async Task NewOrderAsync_FreshClient_ObservesDirectoryThenOrder()
    {
        var handler = new FakeAcmeHandler
        {
            Respond = (_, _) =>
            {
                HttpResponseMessage response = FakeAcmeHandler.Json(HttpStatusCode.Created,
                    """{"status":"pending","identifiers":[{"type":"dns","value":"a.test"}],"authorizations":[],"finalize":"https://fake.test/finalize/1"}""");
                response.Headers.Location = new Uri("https://fake.test/order/1");
                return response;
            },
        };
        var observer = new RecordingObserver();
        AcmeClient client = Client(handler, observer);

        await client.NewOrderAsync(new NewOrderRequest { Identifiers = [new AcmeIdentifier("dns", "a.test")] });

        // The directory's answer carried a nonce, so no newNonce request was needed.
        Assert.Equal(
            [(AcmeActions.GetDirectory, "GET", 200), (AcmeActions.NewOrder, "POST", 201)],
            observer.Exchanges.Select(e => (e.Action, e.Method.Method, e.StatusCode ?? 0)).ToArray());
    }

    [Fact]
    public async Task GetAccountAsync_BadNonceThenSuccess_ObservesEveryAttempt()
    {
        int attempts = 0;
        var handler = new FakeAcmeHandler
        {
            Respond = (_, _) => Interlocked.Increment(ref attempts) == 1
                ? FakeAcmeHandler.Json(HttpStatusCode.BadRequest, """{"type":"urn:ietf:params:acme:error:badNonce","detail":"stale"}""", "application/problem+json")
                : FakeAcmeHandler.Json(HttpStatusCode.OK, """{"status":"valid"}"""),
        };
        var observer = new RecordingObserver();

        await Client(handler, observer).GetAccountAsync();

        Assert.Equal([400, 200], observer.Exchanges.Where(e => e.Action == AcmeActions.GetAccount).Select(e => e.StatusCode ?? 0).ToArray());
    }

    [Fact]
    public async Task GetOrderAsync_ConnectionFails_ObservesNoStatus()
    {
        var observer = new RecordingObserver();
        var client = new AcmeClient(new HttpClient(new FailingHandler()), FakeAcmeHandler.Directory, AccountKey.Create(),
            new AcmeClientOptions { Observer = observer }, Account);

        await Assert.ThrowsAsync<AcmeException>(() => client.GetOrderAsync(new Uri("https://fake.test/order/1")));

        var exchange = Assert.Single(observer.Exchanges);
        Assert.Equal(AcmeActions.GetDirectory, exchange.Action);
        Assert.Null(exchange.StatusCode);
    }

    private static AcmeClient Client(FakeAcmeHandler handler, IAcmeRequestObserver observer) =>
        new(new HttpClient(handler), FakeAcmeHandler.Directory, AccountKey.Create(), new AcmeClientOptions { Observer = observer }, Account);

    private sealed class RecordingObserver : IAcmeRequestObserver
    {
        public List<AcmeExchange> Exchanges { get; } = [];

        public void Observe(AcmeExchange exchange)
        {
            lock (Exchanges)
            {
                Exchanges.Add(exchange);
            }
        }
    }

    private sealed class FailingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("connection refused");
    }
}
