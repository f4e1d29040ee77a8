using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using CertMesh.Acme.Jws;
using CertMesh.Acme.Orders;
using CertMesh.Acme.Problems;
using CertMesh.Acme.Tests.Support;

namespace CertMesh.Acme.Tests.Orders;

public sealed class PollingTests
{
    private static readonly Uri OrderUrl = new("https://fake.test/order/1");

    [Fact]
    public async Task WaitForOrderAsync_PendingThenProcessingThenValid_ReturnsValidOrder()
    {
        string[] statuses = ["pending", "processing", "valid"];
        int polls = 0;
        var handler = new FakeAcmeHandler { Respond = (_, _) => Order(statuses[Math.Min(Interlocked.Increment(ref polls) - 1, 2)]) };

        AcmeOrder order = await Client(handler, new AcmeClientOptions { MinPollInterval = TimeSpan.FromMilliseconds(10) }).WaitForOrderAsync(OrderUrl);

        Assert.Equal(AcmeStatus.Valid, order.Status);
        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task WaitForOrderAsync_RetryAfterBelowMinimum_WaitsTheMinimum()
    {
        int polls = 0;
        var handler = new FakeAcmeHandler
        {
            Respond = (_, _) =>
            {
                HttpResponseMessage response = Order(Interlocked.Increment(ref polls) < 3 ? "processing" : "valid");
                response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero);
                return response;
            },
        };
        var stopwatch = Stopwatch.StartNew();

        await Client(handler, new AcmeClientOptions { MinPollInterval = TimeSpan.FromMilliseconds(100) }).WaitForOrderAsync(OrderUrl);

        // Two waits of at least the 100 ms floor: a Retry-After of 0 must not turn into a busy loop.
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(190), stopwatch.Elapsed.ToString());
    }

    [Fact]
    public async Task WaitForOrderAsync_Invalid_ThrowsTheOrdersError()
    {
        var handler = new FakeAcmeHandler
        {
            Respond = (_, _) => FakeAcmeHandler.Json(
                HttpStatusCode.OK,
                """{"status":"invalid","finalize":"https://fake.test/fin","error":{"type":"urn:ietf:params:acme:error:badCSR","detail":"CSR names do not match"}}"""),
        };

        var ex = await Assert.ThrowsAsync<AcmeProblemException>(() => Client(handler).WaitForOrderAsync(OrderUrl));

        Assert.Equal("urn:ietf:params:acme:error:badCSR", ex.Type);
        Assert.Equal("CSR names do not match", ex.Detail);
    }

    [Fact]
    public async Task WaitForOrderAsync_NeverFinishes_ThrowsTimeoutAfterPollTimeout()
    {
        var handler = new FakeAcmeHandler { Respond = (_, _) => Order("processing") };
        var options = new AcmeClientOptions { MinPollInterval = TimeSpan.FromMilliseconds(10), PollTimeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAsync<TimeoutException>(() => Client(handler, options).WaitForOrderAsync(OrderUrl));
    }

    [Fact]
    public async Task GetOrderAsync_ServerHangs_ThrowsTimeoutAfterRequestTimeout()
    {
        var handler = new FakeAcmeHandler { Respond = (_, _) => Order("valid") };
        var slow = new DelayingHandler(handler, TimeSpan.FromSeconds(10));
        var client = new AcmeClient(new HttpClient(slow), FakeAcmeHandler.Directory, AccountKey.Create(), new AcmeClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(200) }, new Uri("https://fake.test/acct/1"));

        await Assert.ThrowsAsync<TimeoutException>(() => client.GetOrderAsync(OrderUrl));
    }

    private static AcmeClient Client(FakeAcmeHandler handler, AcmeClientOptions? options = null) =>
        new(new HttpClient(handler), FakeAcmeHandler.Directory, AccountKey.Create(), options, new Uri("https://fake.test/acct/1"));

    private static HttpResponseMessage Order(string status) =>
        FakeAcmeHandler.Json(HttpStatusCode.OK, $$"""{"status":"{{status}}","finalize":"https://fake.test/fin","identifiers":[{"type":"dns","value":"a.test"}],"authorizations":[]}""");

    private sealed class DelayingHandler(HttpMessageHandler inner, TimeSpan delay) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
