using System.Net;
using System.Text.Json;
using CertMesh.Acme.Jws;
using CertMesh.Acme.Orders;
using CertMesh.Acme.Tests.Support;

namespace CertMesh.Acme.Tests.Orders;

public sealed class NewOrderRequestTests
{
    [Fact]
    public async Task NewOrderAsync_OnlyIdentifiers_SendsNoOptionalFields()
    {
        JsonElement payload = await SentPayload(new NewOrderRequest { Identifiers = [AcmeIdentifier.Dns("a.test")] });

        Assert.Equal(["identifiers"], payload.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""[{"type":"dns","value":"a.test"}]""", payload.GetProperty("identifiers").GetRawText());
    }

    [Fact]
    public async Task NewOrderAsync_AllFields_SendsThemInRfcNames()
    {
        var notBefore = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        JsonElement payload = await SentPayload(new NewOrderRequest
        {
            Identifiers = [AcmeIdentifier.Dns("a.test"), AcmeIdentifier.Ip("192.0.2.1")],
            NotBefore = notBefore,
            NotAfter = notBefore.AddDays(7),
            Profile = "shortlived",
            Replaces = "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE",
        });

        Assert.Equal("2026-01-02T03:04:05Z", payload.GetProperty("notBefore").GetString());
        Assert.Equal("2026-01-09T03:04:05Z", payload.GetProperty("notAfter").GetString());
        Assert.Equal("shortlived", payload.GetProperty("profile").GetString());
        Assert.Equal("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", payload.GetProperty("replaces").GetString());
        Assert.Equal("ip", payload.GetProperty("identifiers")[1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task NewOrderAsync_NanosecondTimestamps_AreParsed()
    {
        var handler = new FakeAcmeHandler
        {
            Respond = (_, _) => Created("""{"status":"pending","expires":"2026-01-02T03:04:05.123456789Z","identifiers":[],"authorizations":[],"finalize":"https://fake.test/fin"}"""),
        };
        var client = new AcmeClient(new HttpClient(handler), FakeAcmeHandler.Directory, AccountKey.Create(), accountUrl: new Uri("https://fake.test/acct/1"));

        AcmeOrder order = await client.NewOrderAsync(new NewOrderRequest { Identifiers = [AcmeIdentifier.Dns("a.test")] });

        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567), order.Expires);
        Assert.Equal(new Uri("https://fake.test/order/1"), order.Location);
    }

    private static async Task<JsonElement> SentPayload(NewOrderRequest request)
    {
        var handler = new FakeAcmeHandler
        {
            Respond = (_, _) => Created("""{"status":"pending","identifiers":[],"authorizations":[],"finalize":"https://fake.test/fin"}"""),
        };
        var client = new AcmeClient(new HttpClient(handler), FakeAcmeHandler.Directory, AccountKey.Create(), accountUrl: new Uri("https://fake.test/acct/1"));

        await client.NewOrderAsync(request);

        string body = handler.Requests.Single(r => r.Uri.AbsolutePath == "/order").Body!;
        string payload = JsonDocument.Parse(body).RootElement.GetProperty("payload").GetString()!;
        return JsonDocument.Parse(Base64Url.Decode(payload)).RootElement.Clone();
    }

    private static HttpResponseMessage Created(string json)
    {
        HttpResponseMessage response = FakeAcmeHandler.Json(HttpStatusCode.Created, json);
        response.Headers.Location = new Uri("https://fake.test/order/1");
        return response;
    }
}
