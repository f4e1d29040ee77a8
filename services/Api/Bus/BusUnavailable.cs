using MassTransit;

namespace CertMesh.Api.Bus;

/// <summary>
/// A command that got no answer in time (broker or Trigger unreachable) is a 503 the caller can retry — commands are
/// idempotent — never a 500 or a hung connection.
/// </summary>
internal static class BusUnavailable
{
    public static void UseBusUnavailableAnswer(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (exception is RequestTimeoutException or TimeoutException or ConnectionException
                                          && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "5";
            await Results.Json(new
            {
                kind = "Status",
                status = "Failure",
                reason = "ServiceUnavailable",
                message = $"CertMesh did not answer within {BusRequests.Bound.TotalSeconds:0} s (the message bus or Trigger is unreachable); " +
                          "the command may still be applied when it is back; sending it again is safe",
            }, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
        }
    });
}
