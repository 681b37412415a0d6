using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NotebookCourse.Tests.Data;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 at a free port, for testing downloads without the internet.
/// It answers at most <c>maxRequests</c> requests and stops by itself after <c>lifetime</c>.
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<string, (int Status, byte[] Body)> _respond;
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;

    /// <summary>Starts serving; <paramref name="respond"/> maps a request path (e.g. /good/x.gz) to a status and body.</summary>
    public LocalHttpServer(Func<string, (int Status, byte[] Body)> respond, int maxRequests = 20, TimeSpan? lifetime = null)
    {
        _respond = respond;
        Port = FreePort();
        BaseUrl = $"http://127.0.0.1:{Port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _stop = new CancellationTokenSource(lifetime ?? TimeSpan.FromSeconds(60));
        _stop.Token.Register(StopQuietly);
        _loop = Task.Run(() => Serve(maxRequests));
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The server's address with a trailing slash, e.g. http://127.0.0.1:41234/.</summary>
    public string BaseUrl { get; }

    /// <summary>Each request's path and the status it got, in order.</summary>
    public ConcurrentQueue<(string Path, int Status)> Requests { get; } = new();

    private async Task Serve(int maxRequests)
    {
        for (var served = 0; served < maxRequests && !_stop.IsCancellationRequested; served++)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var path = context.Request.Url!.AbsolutePath;
            var (status, body) = _respond(path);
            Requests.Enqueue((path, status));
            context.Response.StatusCode = status;
            context.Response.ContentLength64 = body.Length;
            try
            {
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
            }
        }
        StopQuietly();
    }

    private void StopQuietly()
    {
        try
        {
            _listener.Stop();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Stops the server and waits briefly for its loop to end.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(5));
        try
        {
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
