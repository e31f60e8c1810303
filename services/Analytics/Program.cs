using Platform.Analytics;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAnalyticsServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAnalyticsApi();

app.Run();
