import { z } from 'zod';
import { parse, type Route } from './route';
import { EVENT_TYPES, type EventType } from './webhooks';

const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as [EventType, ...EventType[]];

/** Update Shop Webhook's body: address at most 255 characters; the sandbox sends the topics of EVENT_TYPES. */
const UpdateBody = z.object({ address: z.string().url().max(255), event_type: z.enum(EVENT_TYPE_NAMES) });
const DeleteBody = z.object({ event_type: z.string().min(1) });

/** The Event API (api/event/*.spec.json): where a shop's webhooks go. */
export const eventRoutes: Route[] = [
  {
    method: 'PUT',
    pattern: /^\/event\/202309\/webhooks$/,
    api: 'update-shop-webhook',
    shopScoped: true,
    handle: ({ shop, body, webhooks }) => {
      const request = parse(UpdateBody, body);
      webhooks.subscribe(shop, request.event_type, request.address);
      return {};
    },
  },
  {
    method: 'GET',
    pattern: /^\/event\/202309\/webhooks$/,
    api: 'get-shop-webhooks',
    shopScoped: true,
    handle: ({ shop, webhooks }) => webhooks.list(shop),
  },
  {
    method: 'DELETE',
    pattern: /^\/event\/202309\/webhooks$/,
    api: 'delete-shop-webhook',
    shopScoped: true,
    handle: ({ shop, body, webhooks }) => {
      webhooks.unsubscribe(shop, parse(DeleteBody, body).event_type);
      return {};
    },
  },
];
