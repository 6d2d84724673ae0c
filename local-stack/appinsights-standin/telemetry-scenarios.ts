/**
 * What the two demo apps do, as data: their operations (request names, URLs, timings), the
 * dependencies each one calls, and the exceptions they throw. The generator turns these into rows.
 */

export interface DependencyCall {
  type: string;
  target: string;
  name: string;
  data: string;
  medianMs: number;
  /** Spread of the log-normal duration. */
  sigma: number;
  /** Chance the call happens in a request (default 1). */
  chance?: number;
  /** The payment gateway: slow and failing during the scenario's incident window. */
  paymentGateway?: boolean;
  /** SQL calls can time out (rarely), failing the request. */
  canTimeOut?: boolean;
}

export interface OperationSpec {
  /** Request name as ASP.NET Core reports it (`GET Products/Details [id]`). */
  name: string;
  /** URL path; `{id}` is replaced by a product/invoice number. */
  path: string;
  weight: number;
  medianMs: number;
  sigma: number;
  /** Chance of a 404 (unknown id). */
  notFoundRate?: number;
  /** Result code when it works (default 200). */
  successCode?: string;
  dependencies: DependencyCall[];
  /** The custom event a successful request emits (same operation). */
  successEvent?: string;
  /** The page the browser shows for this operation (a page view), if any. */
  page?: string;
  /** Fails with the post-deployment regression (NullReferenceException) at this rate. */
  regressionRate?: number;
}

export interface ExceptionSpec {
  outerType: string;
  outerMessage: string;
  outerMethod: string;
  outerAssembly: string;
  innermostType: string;
  innermostMessage: string;
  innermostMethod: string;
  innermostAssembly: string;
  fileName: string;
  line: number;
}

export interface Scenario {
  seed: number;
  /** Requests per hour at the daily peak, before noise. */
  peakRequestsPerHour: number;
  host: string;
  roleName: string;
  roleInstances: string[];
  /** Version before and after the deployment (`application_Version`). */
  versions: { before: string; after: string };
  serverSdkVersion: string;
  operations: OperationSpec[];
  /** Page views, browser events, availability tests and a background worker (the shop only). */
  browserAndWorker: boolean;
}

const shopAssembly = 'Contoso.Shop, Version=2024.11.4.0, Culture=neutral, PublicKeyToken=null';
const sqlTarget = 'contoso-shop-sql.database.windows.net | shopdb';
const redisTarget = 'contoso-shop.redis.cache.windows.net:6380';
const paymentsTarget = 'payments.contoso.com';

const sql = (name: string, data: string, medianMs: number, chance = 1): DependencyCall => ({
  type: 'SQL',
  target: sqlTarget,
  name,
  data,
  medianMs,
  sigma: 0.6,
  chance,
  canTimeOut: true,
});

const redis = (data: string): DependencyCall => ({
  type: 'Redis',
  target: redisTarget,
  name: data.split(' ')[0]!,
  data,
  medianMs: 2,
  sigma: 0.5,
});

export const shopScenario: Scenario = {
  seed: 20241104,
  peakRequestsPerHour: 120,
  host: 'shop.contoso.com',
  roleName: 'contoso-shop-web',
  roleInstances: [
    'contoso-shop-web-7d9f8-0',
    'contoso-shop-web-7d9f8-1',
    'contoso-shop-web-7d9f8-2',
  ],
  versions: { before: '2024.11.3', after: '2024.11.4' },
  serverSdkVersion: 'aspnet5c:2.22.0-64056',
  browserAndWorker: true,
  operations: [
    {
      name: 'GET Home/Index',
      path: '/',
      weight: 22,
      medianMs: 45,
      sigma: 0.5,
      page: 'Home',
      dependencies: [
        redis('GET featured-products'),
        sql('shopdb', 'EXEC dbo.GetFeaturedProducts', 8, 0.2),
      ],
    },
    {
      name: 'GET Products/Index',
      path: '/products',
      weight: 18,
      medianMs: 80,
      sigma: 0.5,
      page: 'Products',
      dependencies: [
        sql(
          'shopdb',
          'SELECT TOP (48) [p].[Id], [p].[Name], [p].[Price] FROM [Products] AS [p] ORDER BY [p].[Rank]',
          18,
        ),
      ],
    },
    {
      name: 'GET Products/Details [id]',
      path: '/products/{id}',
      weight: 24,
      medianMs: 60,
      sigma: 0.55,
      notFoundRate: 0.04,
      page: 'Product details',
      successEvent: 'ProductViewed',
      dependencies: [
        redis('GET product:{id}'),
        sql('shopdb', 'SELECT [p].* FROM [Products] AS [p] WHERE [p].[Id] = @__id_0', 6, 0.35),
      ],
    },
    {
      name: 'POST Cart/Add',
      path: '/cart/items',
      weight: 9,
      medianMs: 70,
      sigma: 0.45,
      successEvent: 'AddedToCart',
      dependencies: [
        sql(
          'shopdb',
          'INSERT INTO [CartItems] ([CartId], [ProductId], [Quantity]) VALUES (@p0, @p1, @p2)',
          9,
        ),
      ],
    },
    {
      name: 'GET Cart/Index',
      path: '/cart',
      weight: 8,
      medianMs: 55,
      sigma: 0.45,
      page: 'Cart',
      dependencies: [
        sql('shopdb', 'SELECT [c].* FROM [CartItems] AS [c] WHERE [c].[CartId] = @__cartId_0', 7),
      ],
    },
    {
      name: 'POST Checkout/PlaceOrder',
      path: '/checkout',
      weight: 7,
      medianMs: 420,
      sigma: 0.35,
      page: 'Checkout',
      successEvent: 'OrderPlaced',
      regressionRate: 0.12,
      dependencies: [
        sql('shopdb', 'EXEC dbo.ReserveStock @cartId', 25),
        {
          type: 'HTTP',
          target: paymentsTarget,
          name: 'POST /v2/charges',
          data: 'https://payments.contoso.com/v2/charges',
          medianMs: 310,
          sigma: 0.4,
          paymentGateway: true,
        },
        {
          type: 'Azure Service Bus',
          target: 'sb://contoso-shop.servicebus.windows.net/ | orders',
          name: 'Message',
          data: '',
          medianMs: 14,
          sigma: 0.4,
        },
      ],
    },
    {
      name: 'GET Search/Index',
      path: '/search',
      weight: 10,
      medianMs: 150,
      sigma: 0.6,
      page: 'Search results',
      successEvent: 'SearchPerformed',
      dependencies: [
        {
          type: 'HTTP',
          target: 'contoso-shop.search.windows.net',
          name: 'POST /indexes/products/docs/search',
          data: 'https://contoso-shop.search.windows.net/indexes/products/docs/search?api-version=2023-11-01',
          medianMs: 95,
          sigma: 0.6,
        },
      ],
    },
    {
      name: 'GET Account/SignIn',
      path: '/account/signin',
      weight: 3,
      medianMs: 35,
      sigma: 0.4,
      page: 'Sign in',
      dependencies: [],
    },
    {
      name: 'GET /health',
      path: '/health',
      weight: 2,
      medianMs: 3,
      sigma: 0.3,
      dependencies: [],
    },
  ],
};

export const billingScenario: Scenario = {
  seed: 20241105,
  peakRequestsPerHour: 24,
  host: 'billing.contoso.com',
  roleName: 'contoso-billing-api',
  roleInstances: ['contoso-billing-api-0', 'contoso-billing-api-1'],
  versions: { before: '3.2.0', after: '3.2.1' },
  serverSdkVersion: 'aspnet5c:2.22.0-64056',
  browserAndWorker: false,
  operations: [
    {
      name: 'POST Invoices/Create',
      path: '/api/invoices',
      weight: 4,
      medianMs: 140,
      sigma: 0.4,
      successCode: '201',
      dependencies: [
        {
          type: 'SQL',
          target: 'contoso-billing-sql.database.windows.net | billing',
          name: 'billing',
          data: 'EXEC dbo.CreateInvoice @customerId, @lines',
          medianMs: 30,
          sigma: 0.5,
          canTimeOut: true,
        },
      ],
    },
    {
      name: 'GET Invoices/Get [id]',
      path: '/api/invoices/{id}',
      weight: 9,
      medianMs: 40,
      sigma: 0.4,
      notFoundRate: 0.02,
      dependencies: [
        {
          type: 'SQL',
          target: 'contoso-billing-sql.database.windows.net | billing',
          name: 'billing',
          data: 'SELECT * FROM Invoices WHERE Id = @id',
          medianMs: 6,
          sigma: 0.5,
          canTimeOut: true,
        },
      ],
    },
  ],
};

export const exceptionSpecs = {
  sqlTimeout: {
    outerType: 'Microsoft.Data.SqlClient.SqlException',
    outerMessage:
      'Execution Timeout Expired.  The timeout period elapsed prior to completion of the operation or the server is not responding.',
    outerMethod: 'Microsoft.Data.SqlClient.SqlConnection.OnError',
    outerAssembly:
      'Microsoft.Data.SqlClient, Version=5.0.0.0, Culture=neutral, PublicKeyToken=23ec7fc2d6eaa4a5',
    innermostType: 'System.ComponentModel.Win32Exception',
    innermostMessage: 'The wait operation timed out.',
    innermostMethod: '',
    innermostAssembly: '',
    fileName: '',
    line: 0,
  },
  paymentUnavailable: {
    outerType: 'Contoso.Shop.Payments.PaymentGatewayException',
    outerMessage: 'The payment gateway did not accept the charge (503 Service Unavailable).',
    outerMethod: 'Contoso.Shop.Payments.PaymentClient+<ChargeAsync>d__7.MoveNext',
    outerAssembly: shopAssembly,
    innermostType: 'System.Net.Http.HttpRequestException',
    innermostMessage: 'Response status code does not indicate success: 503 (Service Unavailable).',
    innermostMethod: 'System.Net.Http.HttpResponseMessage.EnsureSuccessStatusCode',
    innermostAssembly:
      'System.Net.Http, Version=8.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a',
    fileName: '/src/Contoso.Shop/Payments/PaymentClient.cs',
    line: 88,
  },
  discountRegression: {
    outerType: 'System.NullReferenceException',
    outerMessage: 'Object reference not set to an instance of an object.',
    outerMethod: 'Contoso.Shop.Checkout.DiscountCalculator.Apply',
    outerAssembly: shopAssembly,
    innermostType: 'System.NullReferenceException',
    innermostMessage: 'Object reference not set to an instance of an object.',
    innermostMethod: 'Contoso.Shop.Checkout.DiscountCalculator.Apply',
    innermostAssembly: shopAssembly,
    fileName: '/src/Contoso.Shop/Checkout/DiscountCalculator.cs',
    line: 42,
  },
} satisfies Record<string, ExceptionSpec>;
