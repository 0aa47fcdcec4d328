import { deadLetterTopic } from '@shared/bus/port';
import type { TerraformSources } from './sources';

// Pub/Sub's own bounds for a dead-letter policy and a retry policy.
const deliveryAttempts = { min: 5, max: 100 };
const maxBackoffSeconds = 600;
const scheduleName = /^[a-zA-Z0-9_-]{1,500}$/;

/** The topics (each with its dead-letter topic and replay subscription), the delivery policy and the schedules. */
export function messagingDocument(sources: TerraformSources) {
  const { delivery } = sources;
  if (delivery.maxDeliveryAttempts < deliveryAttempts.min || delivery.maxDeliveryAttempts > deliveryAttempts.max) {
    throw new Error(`Messaging: BUS_MAX_DELIVERY_ATTEMPTS must be ${deliveryAttempts.min}-${deliveryAttempts.max} for Pub/Sub`);
  }
  if (delivery.minBackoffSeconds > delivery.maxBackoffSeconds || delivery.maxBackoffSeconds > maxBackoffSeconds) {
    throw new Error(`Messaging: the bus backoff must satisfy min <= max <= ${maxBackoffSeconds} s for Pub/Sub`);
  }
  const seen = new Set<string>();
  for (const schedule of sources.schedules) {
    if (!scheduleName.test(schedule.name)) throw new Error(`Schedule ${schedule.name}: name must be letters, digits, - and _`);
    if (seen.has(schedule.name)) throw new Error(`Schedule ${schedule.name}: defined twice`);
    seen.add(schedule.name);
    if (!sources.topics.includes(schedule.topic)) throw new Error(`Schedule ${schedule.name}: topic ${schedule.topic} is not in TOPICS`);
  }
  return {
    delivery: {
      max_delivery_attempts: delivery.maxDeliveryAttempts,
      min_backoff_seconds: delivery.minBackoffSeconds,
      max_backoff_seconds: delivery.maxBackoffSeconds,
    },
    topics: [...new Set(sources.topics)].sort().map((topic) => ({
      name: topic,
      dead_letter_topic: deadLetterTopic(topic),
      dead_letter_subscription: `${deadLetterTopic(topic)}-retained`,
      subscribers: sources.functions
        .filter((f) => f.trigger.kind === 'topic' && f.trigger.topic === topic)
        .map((f) => f.name)
        .sort(),
    })),
    schedules: [...sources.schedules]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((schedule) => ({
        name: schedule.name,
        description: schedule.description,
        cron: schedule.cron,
        time_zone: schedule.timeZone,
        topic: schedule.topic,
        data: JSON.stringify(schedule.message),
      })),
  };
}
