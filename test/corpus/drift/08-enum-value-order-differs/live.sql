CREATE TYPE priority AS ENUM ('low', 'high');
ALTER TYPE priority ADD VALUE 'medium';
