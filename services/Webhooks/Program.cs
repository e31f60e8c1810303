using Platform.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebhooksServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapWebhooksApi();

app.Run();
